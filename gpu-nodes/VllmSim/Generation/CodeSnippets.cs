namespace VllmSim.Generation;

/// <summary>Small, correct code samples in the language the prompt asks for.</summary>
internal static class CodeSnippets
{
    public static string For(PromptAnalysis prompt)
    {
        var recipe = prompt.Keywords.FirstOrDefault(k => k.StartsWith("fibonacci", StringComparison.Ordinal)) is not null ? "fibonacci"
            : prompt.Keywords.Any(k => k.StartsWith("factorial", StringComparison.Ordinal)) ? "factorial"
            : prompt.Keywords.Any(k => k.StartsWith("revers", StringComparison.Ordinal)) ? "reverse"
            : "generic";
        var name = Identifier(prompt.Keywords);
        var body = (prompt.Language, recipe) switch
        {
            ("python", "fibonacci") => "def fibonacci(n: int) -> list[int]:\n    \"\"\"Return the first n Fibonacci numbers.\"\"\"\n    seq = [0, 1]\n    while len(seq) < n:\n        seq.append(seq[-1] + seq[-2])\n    return seq[:n]\n\n\nprint(fibonacci(10))",
            ("python", "factorial") => "def factorial(n: int) -> int:\n    result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result\n\n\nprint(factorial(5))  # 120",
            ("python", "reverse") => "def reverse_text(text: str) -> str:\n    return text[::-1]\n\n\nprint(reverse_text(\"hello\"))  # olleh",
            ("python", _) => $"def {Snake(name)}(items: list[str]) -> list[str]:\n    \"\"\"Clean the items: strip blanks, drop empties, keep order.\"\"\"\n    result = []\n    for item in items:\n        value = item.strip()\n        if value:\n            result.append(value)\n    return result\n\n\nprint({Snake(name)}([\" a \", \"\", \"b\"]))",
            ("csharp", "fibonacci") => "static IEnumerable<long> Fibonacci(int count)\n{\n    long a = 0, b = 1;\n    for (var i = 0; i < count; i++)\n    {\n        yield return a;\n        (a, b) = (b, a + b);\n    }\n}\n\nConsole.WriteLine(string.Join(\", \", Fibonacci(10)));",
            ("csharp", "factorial") => "static long Factorial(int n) =>\n    n <= 1 ? 1 : n * Factorial(n - 1);\n\nConsole.WriteLine(Factorial(5)); // 120",
            ("csharp", "reverse") => "static string Reverse(string text)\n{\n    var chars = text.ToCharArray();\n    Array.Reverse(chars);\n    return new string(chars);\n}\n\nConsole.WriteLine(Reverse(\"hello\")); // olleh",
            ("csharp", _) => $"static List<string> {Pascal(name)}(IEnumerable<string> items) =>\n    items.Select(item => item.Trim())\n         .Where(item => item.Length > 0)\n         .ToList();\n\nConsole.WriteLine(string.Join(\", \", {Pascal(name)}([\" a \", \"\", \"b\"])));",
            ("javascript" or "typescript", "fibonacci") => "function fibonacci(n) {\n  const seq = [0, 1];\n  while (seq.length < n) {\n    seq.push(seq.at(-1) + seq.at(-2));\n  }\n  return seq.slice(0, n);\n}\n\nconsole.log(fibonacci(10));",
            ("javascript" or "typescript", "reverse") => "const reverseText = (text) => [...text].reverse().join(\"\");\n\nconsole.log(reverseText(\"hello\")); // olleh",
            ("javascript" or "typescript", _) => $"function {Camel(name)}(items) {{\n  return items\n    .map((item) => item.trim())\n    .filter((item) => item.length > 0);\n}}\n\nconsole.log({Camel(name)}([\" a \", \"\", \"b\"]));",
            ("go", _) => $"package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc {Pascal(name)}(items []string) []string {{\n\tresult := []string{{}}\n\tfor _, item := range items {{\n\t\tif v := strings.TrimSpace(item); v != \"\" {{\n\t\t\tresult = append(result, v)\n\t\t}}\n\t}}\n\treturn result\n}}\n\nfunc main() {{\n\tfmt.Println({Pascal(name)}([]string{{\" a \", \"\", \"b\"}}))\n}}",
            ("rust", _) => $"fn {Snake(name)}(items: &[&str]) -> Vec<String> {{\n    items\n        .iter()\n        .map(|item| item.trim())\n        .filter(|item| !item.is_empty())\n        .map(String::from)\n        .collect()\n}}\n\nfn main() {{\n    println!(\"{{:?}}\", {Snake(name)}(&[\" a \", \"\", \"b\"]));\n}}",
            ("java", _) => $"static List<String> {Camel(name)}(List<String> items) {{\n    return items.stream()\n        .map(String::strip)\n        .filter(item -> !item.isEmpty())\n        .toList();\n}}",
            ("sql", _) => $"SELECT id, name, created_at\nFROM {Snake(name)}\nWHERE name IS NOT NULL\nORDER BY created_at DESC\nLIMIT 10;",
            ("bash", _) => $"#!/usr/bin/env bash\nset -euo pipefail\n\n{Snake(name)}() {{\n  for item in \"$@\"; do\n    [[ -n \"${{item// /}}\" ]] && echo \"$item\"\n  done\n}}\n\n{Snake(name)} \" a \" \"\" \"b\"",
            _ => "print(\"hello, world\")",
        };

        return $"```{prompt.Language}\n{body}\n```";
    }

    private static List<string> Identifier(IReadOnlyList<string> keywords)
    {
        var words = keywords.Select(k => new string([.. k.Where(char.IsLetterOrDigit)])).Where(k => k.Length > 1 && char.IsLetter(k[0])).Take(3).ToList();
        return words.Count == 0 ? ["clean", "items"] : words;
    }

    private static string Snake(List<string> words) => string.Join('_', words);

    private static string Pascal(List<string> words) => string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Camel(List<string> words) => words[0] + Pascal(words)[words[0].Length..];
}
