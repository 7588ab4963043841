using System.Globalization;
using System.Text.RegularExpressions;

namespace VllmSim.Generation;

/// <summary>A worked calculation: what was asked, the result, and the short steps that lead to it.</summary>
internal sealed record MathResult(string Question, string Answer, IReadOnlyList<string> Steps);

/// <summary>Exact evaluation of the small sums, percentages and unit conversions people type into a chat.</summary>
internal static partial class Calculator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string[] Names, string Unit, string Dimension, double Factor)[] Units =
    [
        (["km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"], "km", "length", 1000),
        (["mi", "mile", "miles"], "miles", "length", 1609.344),
        (["m", "meter", "meters", "metre", "metres"], "m", "length", 1),
        (["ft", "foot", "feet"], "feet", "length", 0.3048),
        (["cm", "centimeter", "centimeters", "centimetre", "centimetres"], "cm", "length", 0.01),
        (["inch", "inches"], "inches", "length", 0.0254),
        (["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"], "kg", "mass", 1),
        (["lb", "lbs", "pound", "pounds"], "lb", "mass", 0.45359237),
        (["g", "gram", "grams"], "g", "mass", 0.001),
        (["oz", "ounce", "ounces"], "oz", "mass", 0.028349523125),
        (["l", "liter", "liters", "litre", "litres"], "liters", "volume", 1),
        (["gallon", "gallons", "gal"], "US gallons", "volume", 3.785411784),
        (["ml", "milliliter", "milliliters", "millilitre", "millilitres"], "ml", "volume", 0.001),
    ];

    public static MathResult? TrySolve(string text)
    {
        var lower = text.ToLowerInvariant().Replace(",", "", StringComparison.Ordinal);
        return Temperature(lower) ?? Conversion(lower) ?? Percent(lower) ?? SquareRoot(lower) ?? Expression(lower);
    }

    private static MathResult? Temperature(string lower)
    {
        var m = TemperatureRegex().Match(lower);
        if (!m.Success)
        {
            return null;
        }

        var value = double.Parse(m.Groups["v"].Value, Inv);
        var fromC = m.Groups["from"].Value.TrimStart('°', ' ').StartsWith('c');
        if (fromC)
        {
            var f = value * 9 / 5 + 32;
            return new($"{Fmt(value)} °C in °F", $"{Fmt(value)} °C = {Fmt(Math.Round(f, 2))} °F",
                [$"Multiply by 9/5: {Fmt(value)} × 9/5 = {Fmt(Math.Round(value * 9 / 5, 2))}.", $"Add 32: {Fmt(Math.Round(value * 9 / 5, 2))} + 32 = {Fmt(Math.Round(f, 2))}."]);
        }

        var c = (value - 32) * 5 / 9;
        return new($"{Fmt(value)} °F in °C", $"{Fmt(value)} °F ≈ {Fmt(Math.Round(c, 2))} °C",
            [$"Subtract 32: {Fmt(value)} − 32 = {Fmt(value - 32)}.", $"Multiply by 5/9: {Fmt(value - 32)} × 5/9 ≈ {Fmt(Math.Round(c, 2))}."]);
    }

    private static MathResult? Conversion(string lower)
    {
        var m = ConversionRegex().Match(lower);
        if (!m.Success)
        {
            return null;
        }

        var from = Unit(m.Groups["from"].Value);
        var to = Unit(m.Groups["to"].Value);
        if (from is null || to is null || from.Value.Dimension != to.Value.Dimension || from.Value.Unit == to.Value.Unit)
        {
            return null;
        }

        var value = double.Parse(m.Groups["v"].Value, Inv);
        var factor = from.Value.Factor / to.Value.Factor;
        var result = value * factor;
        var factorText = factor >= 0.01 ? Fmt(Math.Round(factor, 6)) : factor.ToString("0.######", Inv);
        return new($"{Fmt(value)} {from.Value.Unit} in {to.Value.Unit}", $"{Fmt(value)} {from.Value.Unit} ≈ {Fmt(Math.Round(result, 2))} {to.Value.Unit}",
            [$"1 {Singular(from.Value.Unit)} = {factorText} {to.Value.Unit}.", $"Multiply: {Fmt(value)} × {factorText} ≈ {Fmt(Math.Round(result, 2))}."]);
    }

    private static MathResult? Percent(string lower)
    {
        var m = PercentOfRegex().Match(lower);
        if (m.Success)
        {
            var p = decimal.Parse(m.Groups["p"].Value, Inv);
            var n = decimal.Parse(m.Groups["n"].Value, Inv);
            var result = p / 100m * n;
            return new($"{Fmt(p)}% of {Fmt(n)}", $"{Fmt(p)}% of {Fmt(n)} = {Fmt(result)}",
                [$"Write {Fmt(p)}% as a decimal: {Fmt(p / 100m)}.", $"Multiply: {Fmt(p / 100m)} × {Fmt(n)} = {Fmt(result)}."]);
        }

        m = WhatPercentRegex().Match(lower);
        if (m.Success)
        {
            var a = decimal.Parse(m.Groups["a"].Value, Inv);
            var b = decimal.Parse(m.Groups["b"].Value, Inv);
            if (b == 0)
            {
                return null;
            }

            var result = Math.Round(a / b * 100m, 2);
            return new($"{Fmt(a)} as a percentage of {Fmt(b)}", $"{Fmt(a)} is {Fmt(result)}% of {Fmt(b)}",
                [$"Divide: {Fmt(a)} ÷ {Fmt(b)} = {Fmt(Math.Round(a / b, 4))}.", $"Multiply by 100: {Fmt(result)}%."]);
        }

        return null;
    }

    private static MathResult? SquareRoot(string lower)
    {
        var m = SqrtRegex().Match(lower);
        if (!m.Success)
        {
            return null;
        }

        var v = double.Parse(m.Groups["v"].Value, Inv);
        var r = Math.Sqrt(v);
        var exact = Math.Abs(r - Math.Round(r)) < 1e-9;
        return new($"√{Fmt(v)}", exact ? $"√{Fmt(v)} = {Fmt(Math.Round(r))}" : $"√{Fmt(v)} ≈ {Fmt(Math.Round(r, 4))}",
            [exact ? $"Check: {Fmt(Math.Round(r))} × {Fmt(Math.Round(r))} = {Fmt(v)}." : $"{Fmt(v)} is not a perfect square, so the root is irrational."]);
    }

    private static MathResult? Expression(string lower)
    {
        var normalized = lower
            .Replace("multiplied by", "*", StringComparison.Ordinal).Replace("times", "*", StringComparison.Ordinal)
            .Replace("divided by", "/", StringComparison.Ordinal).Replace("plus", "+", StringComparison.Ordinal)
            .Replace("minus", "-", StringComparison.Ordinal).Replace("to the power of", "^", StringComparison.Ordinal)
            .Replace('×', '*').Replace('÷', '/').Replace('−', '-');
        normalized = TimesX().Replace(normalized, "$1*$2");
        var best = ExpressionRegex().Matches(normalized).Select(m => m.Value.Trim()).Where(IsCalculation).OrderByDescending(s => s.Length).FirstOrDefault();
        if (best is null)
        {
            return null;
        }

        try
        {
            var parser = new Parser(best);
            var value = parser.Parse();
            var shown = Pretty(best);
            var answer = Math.Abs(value - Math.Round(value)) < 1e-9 ? Fmt(Math.Round(value)) : Fmt(Math.Round(value, 4));
            var sign = Math.Abs(value - Math.Round(value, 4)) < 1e-12 ? "=" : "≈";
            return new(shown, $"{shown} {sign} {answer}", Steps(best, value));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (DivideByZeroException)
        {
            return new(Pretty(best), "division by zero is undefined", ["No number multiplied by 0 gives a non-zero result, so there is no answer."]);
        }
    }

    private static List<string> Steps(string expression, double value)
    {
        var simple = SimpleProduct().Match(expression);
        if (simple.Success)
        {
            var a = long.Parse(simple.Groups["a"].Value, Inv);
            var b = long.Parse(simple.Groups["b"].Value, Inv);
            if (b >= 10)
            {
                var tens = b / 10 * 10;
                var ones = b - tens;
                return ones == 0
                    ? [$"{a} × {b / 10} = {a * (b / 10)}, then add a zero: {a * b}."]
                    : [$"Split {b} into {tens} + {ones}.", $"{a} × {tens} = {a * tens} and {a} × {ones} = {a * ones}.", $"Add them: {a * tens} + {a * ones} = {a * b}."];
            }
        }

        var binary = SimpleBinary().Match(expression);
        if (binary.Success)
        {
            var x = binary.Groups["a"].Value;
            var y = binary.Groups["b"].Value;
            var r = Math.Abs(value - Math.Round(value)) < 1e-9 ? Fmt(Math.Round(value)) : Fmt(Math.Round(value, 4));
            return binary.Groups["op"].Value switch
            {
                "/" => [$"Divide: {x} ÷ {y} = {r}.", $"Check: {y} × {r} = {x}."],
                "+" => [$"Add: {x} + {y} = {r}.", $"Check: {r} − {y} = {x}."],
                "-" => [$"Subtract: {x} − {y} = {r}.", $"Check: {r} + {y} = {x}."],
                "^" => [$"Multiply {x} by itself {y} times: {r}."],
                _ => [$"Multiply: {x} × {y} = {r}."],
            };
        }

        return [
            "Work out anything in parentheses first, then powers.",
            "Then multiplication and division from left to right, then addition and subtraction.",
            $"That gives {(Math.Abs(value - Math.Round(value)) < 1e-9 ? Fmt(Math.Round(value)) : Fmt(Math.Round(value, 4)))}.",
        ];
    }

    private static bool IsCalculation(string s) => OperatorBetweenNumbers().IsMatch(s);

    private static string Pretty(string expression) =>
        Spaces().Replace(Operators().Replace(expression, m => " " + (m.Value == "*" ? "×" : m.Value == "/" ? "÷" : m.Value) + " "), " ").Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal).Trim();

    private static (string Unit, string Dimension, double Factor)? Unit(string name)
    {
        foreach (var u in Units)
        {
            if (u.Names.Contains(name.Trim()))
            {
                return (u.Unit, u.Dimension, u.Factor);
            }
        }

        return null;
    }

    private static string Singular(string unit) => unit switch
    {
        "miles" => "mile",
        "feet" => "foot",
        "inches" => "inch",
        "liters" => "liter",
        "US gallons" => "US gallon",
        _ => unit,
    };

    public static string Fmt(double v) => v.ToString("#,0.####", Inv);

    public static string Fmt(decimal v) => v.ToString("#,0.####", Inv);

    /// <summary>Recursive-descent evaluation of + - * / ^ and parentheses.</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public double Parse()
        {
            var v = Sum();
            Skip();
            return _at == text.Length ? v : throw new FormatException("trailing input");
        }

        private double Sum()
        {
            var v = Product();
            while (Peek() is '+' or '-')
            {
                var op = text[_at++];
                var r = Product();
                v = op == '+' ? v + r : v - r;
            }

            return v;
        }

        private double Product()
        {
            var v = Power();
            while (Peek() is '*' or '/')
            {
                var op = text[_at++];
                var r = Power();
                v = op == '*' ? v * r : r == 0 ? throw new DivideByZeroException() : v / r;
            }

            return v;
        }

        private double Power()
        {
            var v = Unary();
            if (Peek() == '^')
            {
                _at++;
                return Math.Pow(v, Power());
            }

            return v;
        }

        private double Unary()
        {
            if (Peek() == '-')
            {
                _at++;
                return -Unary();
            }

            if (Peek() == '(')
            {
                _at++;
                var v = Sum();
                if (Peek() != ')')
                {
                    throw new FormatException("missing )");
                }

                _at++;
                return v;
            }

            Skip();
            var start = _at;
            while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] == '.'))
            {
                _at++;
            }

            return double.Parse(text[start.._at], NumberStyles.Float, Inv);
        }

        private char Peek()
        {
            Skip();
            return _at < text.Length ? text[_at] : '\0';
        }

        private void Skip()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }
    }

    [GeneratedRegex(@"(?<v>-?\d+(?:\.\d+)?)\s*(?<from>°\s*[cf]|degrees? (?:celsius|fahrenheit|c|f)|celsius|fahrenheit|[cf])\b.*?\b(?:to|in|into)\s+(?:°\s*)?(?:degrees? )?(?<to>celsius|fahrenheit|[cf])\b", RegexOptions.CultureInvariant)]
    private static partial Regex TemperatureRegex();

    [GeneratedRegex(@"(?<v>\d+(?:\.\d+)?)\s*(?<from>[a-z]+)\s+(?:to|in|into)\s+(?<to>[a-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ConversionRegex();

    [GeneratedRegex(@"(?<p>\d+(?:\.\d+)?)\s*(?:%|percent)\s*of\s*(?<n>\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex PercentOfRegex();

    [GeneratedRegex(@"(?<a>\d+(?:\.\d+)?)\s+(?:is\s+)?(?:as\s+a\s+)?(?:what\s+)?(?:percent|percentage)\s+(?:is\s+)?of\s+(?<b>\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex WhatPercentRegex();

    [GeneratedRegex(@"square root of\s*(?<v>\d+(?:\.\d+)?)|√\s*(?<v>\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex SqrtRegex();

    [GeneratedRegex(@"(\d)\s*x\s*(\d)", RegexOptions.CultureInvariant)]
    private static partial Regex TimesX();

    [GeneratedRegex(@"[\d\s+\-*/^().]+", RegexOptions.CultureInvariant)]
    private static partial Regex ExpressionRegex();

    [GeneratedRegex(@"\d\s*\)*\s*[+\-*/^]\s*\(*\s*-?\d", RegexOptions.CultureInvariant)]
    private static partial Regex OperatorBetweenNumbers();

    [GeneratedRegex(@"^\s*(?<a>\d{1,6})\s*\*\s*(?<b>\d{1,6})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleProduct();

    [GeneratedRegex(@"^\s*(?<a>\d+(?:\.\d+)?)\s*(?<op>[+\-*/^])\s*(?<b>\d+(?:\.\d+)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleBinary();

    [GeneratedRegex(@"[+\-*/^]", RegexOptions.CultureInvariant)]
    private static partial Regex Operators();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
