using Microsoft.Playwright;

namespace Arena.Browser.Tests;

/// <summary>
/// Collects every Content-Security-Policy violation in a browser context, across navigations: the
/// <c>securitypolicyviolation</c> events of each document, and chromium's console errors about the policy.
/// </summary>
public sealed class CspWatch
{
    private readonly List<string> _violations = [];
    private readonly Lock _gate = new();

    private CspWatch()
    {
    }

    /// <summary>What was refused so far, one line each.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return _violations.ToArray();
            }
        }
    }

    /// <summary>Starts watching a context; call it before its first page opens anything.</summary>
    public static async Task<CspWatch> StartAsync(IBrowserContext context)
    {
        var watch = new CspWatch();
        await context.ExposeFunctionAsync("__arenaCspViolation", (string line) => watch.Add("event: " + line));
        await context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
              window.__arenaCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                watch.Add("console: " + message.Text);
            }
        };
        return watch;
    }

    /// <summary>Asserts that nothing was refused, listing what was.</summary>
    public void AssertNone() =>
        Assert.True(Violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", Violations));

    private void Add(string line)
    {
        lock (_gate)
        {
            _violations.Add(line);
        }
    }
}
