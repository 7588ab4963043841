namespace VllmSim.Generation;

/// <summary>A code recipe: what it does, how it works, and its body in the languages it has.</summary>
internal sealed record CodeRecipe(string Name, string Summary, IReadOnlyList<string> Notes, IReadOnlyDictionary<string, string> Bodies);

/// <summary>Small, correct code samples in the language the prompt asks for, matched to the words of the request.</summary>
internal static class CodeSnippets
{
    private static readonly (string[] Triggers, CodeRecipe Recipe)[] Recipes =
    [
        (["fibonacci"], new("fibonacci", "returns the first n Fibonacci numbers",
            ["It starts from 0 and 1 and adds the last two numbers to get the next one.", "It runs in O(n) time, unlike the naive recursive version, which is exponential."],
            new Dictionary<string, string>
            {
                ["python"] = "def fibonacci(n: int) -> list[int]:\n    \"\"\"Return the first n Fibonacci numbers.\"\"\"\n    seq = [0, 1]\n    while len(seq) < n:\n        seq.append(seq[-1] + seq[-2])\n    return seq[:n]\n\n\nprint(fibonacci(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]",
                ["csharp"] = "static IEnumerable<long> Fibonacci(int count)\n{\n    long a = 0, b = 1;\n    for (var i = 0; i < count; i++)\n    {\n        yield return a;\n        (a, b) = (b, a + b);\n    }\n}\n\nConsole.WriteLine(string.Join(\", \", Fibonacci(10)));",
                ["javascript"] = "function fibonacci(n) {\n  const seq = [0, 1];\n  while (seq.length < n) {\n    seq.push(seq.at(-1) + seq.at(-2));\n  }\n  return seq.slice(0, n);\n}\n\nconsole.log(fibonacci(10));",
                ["go"] = "package main\n\nimport \"fmt\"\n\nfunc fibonacci(n int) []int {\n\tseq := []int{}\n\ta, b := 0, 1\n\tfor i := 0; i < n; i++ {\n\t\tseq = append(seq, a)\n\t\ta, b = b, a+b\n\t}\n\treturn seq\n}\n\nfunc main() {\n\tfmt.Println(fibonacci(10))\n}",
                ["rust"] = "fn fibonacci(n: usize) -> Vec<u64> {\n    let mut seq = Vec::with_capacity(n);\n    let (mut a, mut b) = (0u64, 1u64);\n    for _ in 0..n {\n        seq.push(a);\n        (a, b) = (b, a + b);\n    }\n    seq\n}\n\nfn main() {\n    println!(\"{:?}\", fibonacci(10));\n}",
                ["java"] = "static List<Long> fibonacci(int n) {\n    List<Long> seq = new ArrayList<>();\n    long a = 0, b = 1;\n    for (int i = 0; i < n; i++) {\n        seq.add(a);\n        long next = a + b;\n        a = b;\n        b = next;\n    }\n    return seq;\n}",
                ["bash"] = "#!/usr/bin/env bash\nset -euo pipefail\n\nfibonacci() {\n  local n=$1 a=0 b=1\n  for ((i = 0; i < n; i++)); do\n    printf '%s ' \"$a\"\n    ((b = a + b, a = b - a))\n  done\n  echo\n}\n\nfibonacci 10",
            })),
        (["factorial"], new("factorial", "computes n! iteratively",
            ["It multiplies every number from 2 up to n.", "0! and 1! are both 1, which the loop handles naturally."],
            new Dictionary<string, string>
            {
                ["python"] = "def factorial(n: int) -> int:\n    result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result\n\n\nprint(factorial(5))  # 120",
                ["csharp"] = "static long Factorial(int n) =>\n    n <= 1 ? 1 : n * Factorial(n - 1);\n\nConsole.WriteLine(Factorial(5)); // 120",
                ["javascript"] = "function factorial(n) {\n  let result = 1;\n  for (let i = 2; i <= n; i++) {\n    result *= i;\n  }\n  return result;\n}\n\nconsole.log(factorial(5)); // 120",
            })),
        (["reverse", "reversed", "reversing"], new("reverse", "reverses a string",
            ["It builds a new string instead of changing the original.", "An empty string simply comes back empty."],
            new Dictionary<string, string>
            {
                ["python"] = "def reverse_text(text: str) -> str:\n    return text[::-1]\n\n\nprint(reverse_text(\"hello\"))  # olleh",
                ["csharp"] = "static string Reverse(string text)\n{\n    var chars = text.ToCharArray();\n    Array.Reverse(chars);\n    return new string(chars);\n}\n\nConsole.WriteLine(Reverse(\"hello\")); // olleh",
                ["javascript"] = "const reverseText = (text) => [...text].reverse().join(\"\");\n\nconsole.log(reverseText(\"hello\")); // olleh",
                ["go"] = "package main\n\nimport \"fmt\"\n\nfunc reverse(s string) string {\n\tr := []rune(s)\n\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {\n\t\tr[i], r[j] = r[j], r[i]\n\t}\n\treturn string(r)\n}\n\nfunc main() {\n\tfmt.Println(reverse(\"hello\")) // olleh\n}",
                ["rust"] = "fn reverse(text: &str) -> String {\n    text.chars().rev().collect()\n}\n\nfn main() {\n    println!(\"{}\", reverse(\"hello\")); // olleh\n}",
                ["java"] = "static String reverse(String text) {\n    return new StringBuilder(text).reverse().toString();\n}",
                ["bash"] = "#!/usr/bin/env bash\necho \"hello\" | rev  # olleh",
            })),
        (["palindrome"], new("palindrome", "checks whether a text reads the same backwards",
            ["It ignores case and anything that is not a letter or digit.", "It compares the cleaned text with its reverse."],
            new Dictionary<string, string>
            {
                ["python"] = "def is_palindrome(text: str) -> bool:\n    cleaned = [c.lower() for c in text if c.isalnum()]\n    return cleaned == cleaned[::-1]\n\n\nprint(is_palindrome(\"A man, a plan, a canal: Panama\"))  # True",
                ["csharp"] = "static bool IsPalindrome(string text)\n{\n    var cleaned = text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();\n    return cleaned.SequenceEqual(cleaned.Reverse());\n}\n\nConsole.WriteLine(IsPalindrome(\"A man, a plan, a canal: Panama\")); // True",
                ["javascript"] = "function isPalindrome(text) {\n  const cleaned = text.toLowerCase().replace(/[^a-z0-9]/g, \"\");\n  return cleaned === [...cleaned].reverse().join(\"\");\n}\n\nconsole.log(isPalindrome(\"A man, a plan, a canal: Panama\")); // true",
            })),
        (["prime", "primes"], new("prime", "checks whether a number is prime",
            ["It only tests divisors up to the square root of n.", "Numbers below 2 are not prime."],
            new Dictionary<string, string>
            {
                ["python"] = "def is_prime(n: int) -> bool:\n    if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n        if n % i == 0:\n            return False\n        i += 1\n    return True\n\n\nprint([n for n in range(20) if is_prime(n)])",
                ["csharp"] = "static bool IsPrime(int n)\n{\n    if (n < 2) return false;\n    for (var i = 2; i * i <= n; i++)\n    {\n        if (n % i == 0) return false;\n    }\n\n    return true;\n}\n\nConsole.WriteLine(string.Join(\", \", Enumerable.Range(0, 20).Where(IsPrime)));",
                ["javascript"] = "function isPrime(n) {\n  if (n < 2) return false;\n  for (let i = 2; i * i <= n; i++) {\n    if (n % i === 0) return false;\n  }\n  return true;\n}\n\nconsole.log([...Array(20).keys()].filter(isPrime));",
            })),
        (["sort", "sorts", "sorting", "sorted", "order"], new("sort", "sorts a list",
            ["It uses the language's built-in sort, which is O(n log n) and well tested.", "It returns a new sorted list and leaves the input unchanged."],
            new Dictionary<string, string>
            {
                ["python"] = "def sort_items(items: list[int], descending: bool = False) -> list[int]:\n    return sorted(items, reverse=descending)\n\n\nprint(sort_items([5, 2, 9, 1]))        # [1, 2, 5, 9]\nprint(sort_items([5, 2, 9, 1], True))  # [9, 5, 2, 1]",
                ["csharp"] = "static List<int> SortItems(IEnumerable<int> items, bool descending = false) =>\n    descending ? items.OrderDescending().ToList() : items.Order().ToList();\n\nConsole.WriteLine(string.Join(\", \", SortItems([5, 2, 9, 1]))); // 1, 2, 5, 9",
                ["javascript"] = "const sortItems = (items, descending = false) =>\n  [...items].sort((a, b) => (descending ? b - a : a - b));\n\nconsole.log(sortItems([5, 2, 9, 1])); // [1, 2, 5, 9]",
                ["sql"] = "SELECT id, name, price\nFROM products\nORDER BY price DESC, name ASC;",
                ["bash"] = "#!/usr/bin/env bash\nprintf '%s\\n' 5 2 9 1 | sort -n",
                ["go"] = "package main\n\nimport (\n\t\"fmt\"\n\t\"sort\"\n)\n\nfunc main() {\n\titems := []int{5, 2, 9, 1}\n\tsort.Ints(items)\n\tfmt.Println(items) // [1 2 5 9]\n}",
                ["rust"] = "fn main() {\n    let mut items = vec![5, 2, 9, 1];\n    items.sort();\n    println!(\"{:?}\", items); // [1, 2, 5, 9]\n}",
            })),
        (["read", "file", "files", "lines"], new("read_file", "reads a text file line by line",
            ["It opens the file with a context that closes it automatically.", "It reads line by line, so large files do not need to fit in memory."],
            new Dictionary<string, string>
            {
                ["python"] = "from pathlib import Path\n\n\ndef read_lines(path: str) -> list[str]:\n    with Path(path).open(encoding=\"utf-8\") as f:\n        return [line.rstrip(\"\\n\") for line in f]\n\n\nfor line in read_lines(\"notes.txt\"):\n    print(line)",
                ["csharp"] = "static IEnumerable<string> ReadLines(string path) => File.ReadLines(path);\n\nforeach (var line in ReadLines(\"notes.txt\"))\n{\n    Console.WriteLine(line);\n}",
                ["javascript"] = "import { readFile } from \"node:fs/promises\";\n\nasync function readLines(path) {\n  const text = await readFile(path, \"utf8\");\n  return text.split(/\\r?\\n/);\n}\n\nconsole.log(await readLines(\"notes.txt\"));",
                ["bash"] = "#!/usr/bin/env bash\nset -euo pipefail\n\nwhile IFS= read -r line; do\n  echo \"$line\"\ndone < notes.txt",
                ["go"] = "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tf, err := os.Open(\"notes.txt\")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tdefer f.Close()\n\tscanner := bufio.NewScanner(f)\n\tfor scanner.Scan() {\n\t\tfmt.Println(scanner.Text())\n\t}\n}",
                ["rust"] = "use std::fs;\n\nfn main() -> std::io::Result<()> {\n    for line in fs::read_to_string(\"notes.txt\")?.lines() {\n        println!(\"{line}\");\n    }\n    Ok(())\n}",
            })),
        (["http", "request", "fetch", "api", "download", "url", "get"], new("http_get", "sends an HTTP GET request and reads the JSON response",
            ["It sets a timeout so a slow server cannot hang the program.", "It fails loudly on an error status instead of parsing an error page."],
            new Dictionary<string, string>
            {
                ["python"] = "import json\nimport urllib.request\n\n\ndef get_json(url: str) -> dict:\n    with urllib.request.urlopen(url, timeout=10) as response:\n        return json.load(response)\n\n\nprint(get_json(\"https://httpbin.org/json\"))",
                ["csharp"] = "using System.Net.Http.Json;\n\nusing var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };\nvar data = await http.GetFromJsonAsync<Dictionary<string, object>>(\"https://httpbin.org/json\");\nConsole.WriteLine(data?.Count);",
                ["javascript"] = "async function getJson(url) {\n  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });\n  if (!response.ok) {\n    throw new Error(`HTTP ${response.status}`);\n  }\n  return response.json();\n}\n\nconsole.log(await getJson(\"https://httpbin.org/json\"));",
                ["bash"] = "#!/usr/bin/env bash\nset -euo pipefail\n\ncurl --fail --silent --show-error --max-time 10 \\\n  -H 'Accept: application/json' \\\n  https://httpbin.org/json",
                ["go"] = "package main\n\nimport (\n\t\"fmt\"\n\t\"io\"\n\t\"net/http\"\n\t\"time\"\n)\n\nfunc main() {\n\tclient := http.Client{Timeout: 10 * time.Second}\n\tresp, err := client.Get(\"https://httpbin.org/json\")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tdefer resp.Body.Close()\n\tbody, _ := io.ReadAll(resp.Body)\n\tfmt.Println(string(body))\n}",
            })),
        (["count", "words", "frequency"], new("word_count", "counts how often each word appears",
            ["It lower-cases the text so \"The\" and \"the\" count together.", "It returns the most common words first."],
            new Dictionary<string, string>
            {
                ["python"] = "from collections import Counter\nimport re\n\n\ndef word_counts(text: str) -> list[tuple[str, int]]:\n    words = re.findall(r\"[a-z']+\", text.lower())\n    return Counter(words).most_common()\n\n\nprint(word_counts(\"the cat and the hat\"))  # [('the', 2), ...]",
                ["csharp"] = "static IEnumerable<(string Word, int Count)> WordCounts(string text) =>\n    text.ToLowerInvariant()\n        .Split(' ', StringSplitOptions.RemoveEmptyEntries)\n        .CountBy(w => w)\n        .OrderByDescending(p => p.Value)\n        .Select(p => (p.Key, p.Value));\n\nConsole.WriteLine(string.Join(\", \", WordCounts(\"the cat and the hat\")));",
                ["javascript"] = "function wordCounts(text) {\n  const counts = new Map();\n  for (const word of text.toLowerCase().match(/[a-z']+/g) ?? []) {\n    counts.set(word, (counts.get(word) ?? 0) + 1);\n  }\n  return [...counts].sort((a, b) => b[1] - a[1]);\n}\n\nconsole.log(wordCounts(\"the cat and the hat\"));",
                ["bash"] = "#!/usr/bin/env bash\ntr -cs '[:alpha:]' '\\n' < notes.txt | tr '[:upper:]' '[:lower:]' | sort | uniq -c | sort -rn | head",
            })),
        (["join", "joins"], new("sql_join", "joins two tables on a foreign key",
            ["The LEFT JOIN keeps customers without orders; their order columns are NULL.", "An index on orders.customer_id keeps the join fast."],
            new Dictionary<string, string>
            {
                ["sql"] = "SELECT c.id, c.name, COUNT(o.id) AS order_count\nFROM customers AS c\nLEFT JOIN orders AS o ON o.customer_id = c.id\nGROUP BY c.id, c.name\nORDER BY order_count DESC;",
            })),
        (["hello", "world"], new("hello_world", "prints a greeting",
            ["It is the smallest complete program in the language.", "Run it to check that your toolchain works."],
            new Dictionary<string, string>
            {
                ["python"] = "print(\"Hello, world!\")",
                ["csharp"] = "Console.WriteLine(\"Hello, world!\");",
                ["javascript"] = "console.log(\"Hello, world!\");",
                ["go"] = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"Hello, world!\")\n}",
                ["rust"] = "fn main() {\n    println!(\"Hello, world!\");\n}",
                ["java"] = "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"Hello, world!\");\n    }\n}",
                ["bash"] = "#!/usr/bin/env bash\necho \"Hello, world!\"",
                ["sql"] = "SELECT 'Hello, world!' AS greeting;",
            })),
    ];

    /// <summary>The recipe that matches the request's words, or a generic clean-up function named after them.</summary>
    public static CodeRecipe RecipeFor(PromptAnalysis prompt)
    {
        var words = prompt.Original.ToLowerInvariant().Split([' ', ',', '.', '?', '!', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var (triggers, recipe) in Recipes)
        {
            if (triggers.Any(t => words.Contains(t)) && recipe.Bodies.ContainsKey(Normalize(prompt.Language)))
            {
                return recipe;
            }
        }

        var name = Identifier(prompt.Keywords);
        return new CodeRecipe("generic", $"cleans up a list of {string.Join(' ', name)}",
            ["It trims whitespace and drops empty entries.", "It keeps the original order and returns a new list."],
            new Dictionary<string, string> { [Normalize(prompt.Language)] = Generic(Normalize(prompt.Language), name) });
    }

    public static string For(PromptAnalysis prompt) => Fence(prompt, RecipeFor(prompt));

    public static string Fence(PromptAnalysis prompt, CodeRecipe recipe)
    {
        var language = Normalize(prompt.Language);
        var body = recipe.Bodies.TryGetValue(language, out var b) ? b : recipe.Bodies.TryGetValue("python", out var p) ? p : recipe.Bodies.Values.First();
        var fence = recipe.Bodies.ContainsKey(language) ? prompt.Language : "python";
        return $"```{fence}\n{body}\n```";
    }

    private static string Normalize(string language) => language == "typescript" ? "javascript" : language;

    private static string Generic(string language, List<string> name) => language switch
    {
        "python" => $"def {Snake(name)}(items: list[str]) -> list[str]:\n    \"\"\"Clean the items: strip blanks, drop empties, keep order.\"\"\"\n    result = []\n    for item in items:\n        value = item.strip()\n        if value:\n            result.append(value)\n    return result\n\n\nprint({Snake(name)}([\" a \", \"\", \"b\"]))",
        "csharp" => $"static List<string> {Pascal(name)}(IEnumerable<string> items) =>\n    items.Select(item => item.Trim())\n         .Where(item => item.Length > 0)\n         .ToList();\n\nConsole.WriteLine(string.Join(\", \", {Pascal(name)}([\" a \", \"\", \"b\"])));",
        "javascript" => $"function {Camel(name)}(items) {{\n  return items\n    .map((item) => item.trim())\n    .filter((item) => item.length > 0);\n}}\n\nconsole.log({Camel(name)}([\" a \", \"\", \"b\"]));",
        "go" => $"package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc {Pascal(name)}(items []string) []string {{\n\tresult := []string{{}}\n\tfor _, item := range items {{\n\t\tif v := strings.TrimSpace(item); v != \"\" {{\n\t\t\tresult = append(result, v)\n\t\t}}\n\t}}\n\treturn result\n}}\n\nfunc main() {{\n\tfmt.Println({Pascal(name)}([]string{{\" a \", \"\", \"b\"}}))\n}}",
        "rust" => $"fn {Snake(name)}(items: &[&str]) -> Vec<String> {{\n    items\n        .iter()\n        .map(|item| item.trim())\n        .filter(|item| !item.is_empty())\n        .map(String::from)\n        .collect()\n}}\n\nfn main() {{\n    println!(\"{{:?}}\", {Snake(name)}(&[\" a \", \"\", \"b\"]));\n}}",
        "java" => $"static List<String> {Camel(name)}(List<String> items) {{\n    return items.stream()\n        .map(String::strip)\n        .filter(item -> !item.isEmpty())\n        .toList();\n}}",
        "sql" => $"SELECT id, name, created_at\nFROM {Snake(name)}\nWHERE name IS NOT NULL\nORDER BY created_at DESC\nLIMIT 10;",
        "bash" => $"#!/usr/bin/env bash\nset -euo pipefail\n\n{Snake(name)}() {{\n  for item in \"$@\"; do\n    [[ -n \"${{item// /}}\" ]] && echo \"$item\"\n  done\n}}\n\n{Snake(name)} \" a \" \"\" \"b\"",
        _ => "print(\"hello, world\")",
    };

    private static List<string> Identifier(IReadOnlyList<string> keywords)
    {
        string[] skip = ["write", "function", "python", "javascript", "please", "returns", "return", "takes", "simple"];
        var words = keywords.Select(k => new string([.. k.Where(char.IsLetterOrDigit)])).Where(k => k.Length > 1 && char.IsLetter(k[0]) && !skip.Contains(k)).Take(3).ToList();
        return words.Count == 0 ? ["clean", "items"] : words;
    }

    private static string Snake(List<string> words) => string.Join('_', words);

    private static string Pascal(List<string> words) => string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Camel(List<string> words) => words[0] + Pascal(words)[words[0].Length..];
}
