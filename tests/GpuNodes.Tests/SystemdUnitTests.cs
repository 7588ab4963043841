using System.Text.RegularExpressions;

namespace GpuNodes.Tests;

public sealed partial class SystemdUnitTests
{
    private static string UnitDir => Path.Combine(Scripts.GpuNodes, "systemd");

    public static TheoryData<string> Units => new() { "arena-vllm@.service", "arena-vllm.target", "arena-silo.service" };

    /// <summary>The keys each section may hold: the systemd.unit/service/exec/kill/resource-control keys these units use, and a few neighbours.</summary>
    private static readonly Dictionary<string, HashSet<string>> _knownKeys = new()
    {
        ["Unit"] =
        [
            "Description", "Documentation", "Wants", "Requires", "Requisite", "BindsTo", "PartOf", "Upholds", "Conflicts",
            "Before", "After", "OnFailure", "OnSuccess", "StartLimitIntervalSec", "StartLimitBurst", "StartLimitAction",
            "ConditionPathExists", "AssertPathExists", "RequiresMountsFor", "StopWhenUnneeded", "DefaultDependencies",
        ],
        ["Service"] =
        [
            "Type", "ExecStart", "ExecStartPre", "ExecStartPost", "ExecStop", "ExecStopPost", "ExecReload", "Restart",
            "RestartSec", "TimeoutStartSec", "TimeoutStopSec", "TimeoutSec", "RemainAfterExit", "User", "Group",
            "SupplementaryGroups", "Environment", "EnvironmentFile", "WorkingDirectory", "StateDirectory",
            "RuntimeDirectory", "RuntimeDirectoryMode", "StateDirectoryMode", "CacheDirectory", "LogsDirectory",
            "LimitNOFILE", "LimitMEMLOCK", "KillMode", "KillSignal", "NoNewPrivileges", "ProtectSystem", "ProtectHome",
            "PrivateTmp", "ProtectProc", "ReadWritePaths", "StandardOutput", "StandardError", "SyslogIdentifier",
            "NotifyAccess", "WatchdogSec", "UMask",
        ],
        ["Install"] = ["WantedBy", "RequiredBy", "Alias", "Also", "DefaultInstance"],
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void Every_key_is_a_known_key_of_its_section(string unit)
    {
        var parsed = Parse(Path.Combine(UnitDir, unit));

        Assert.Contains("Unit", parsed.Keys);
        Assert.Contains("Install", parsed.Keys);
        foreach (var (section, entries) in parsed)
        {
            Assert.True(_knownKeys.ContainsKey(section), $"{unit}: unknown section [{section}]");
            foreach (var (key, _) in entries)
            {
                Assert.True(_knownKeys[section].Contains(key), $"{unit}: {key}= does not belong in [{section}]");
            }
        }
    }

    [Fact]
    public void The_vllm_unit_runs_one_model_as_the_arena_user_and_restarts_on_failure()
    {
        var service = Parse(Path.Combine(UnitDir, "arena-vllm@.service"))["Service"];

        Assert.Equal("/opt/arena/gpu-nodes/launch-vllm.sh --model %i /etc/arena/models.conf", Single(service, "ExecStart"));
        Assert.Equal("arena", Single(service, "User"));
        Assert.Equal("on-failure", Single(service, "Restart"));
        Assert.Equal(["/etc/arena/gpu-node.env"], All(service, "EnvironmentFile"));
    }

    [Fact]
    public void The_silo_starts_after_the_vllm_servers_and_only_once_they_are_ready()
    {
        var parsed = Parse(Path.Combine(UnitDir, "arena-silo.service"));
        var unit = parsed["Unit"];
        var service = parsed["Service"];

        Assert.Contains("arena-vllm.target", Single(unit, "Wants").Split(' '));
        Assert.Contains("arena-vllm.target", Single(unit, "After").Split(' '));
        Assert.Equal(
            [
                "/opt/arena/gpu-nodes/launch-vllm.sh --silo-env --output /run/arena-silo/models.env /etc/arena/models.conf",
                "/opt/arena/gpu-nodes/wait-ready.sh --timeout 1800 --interval 5 /etc/arena/models.conf",
            ],
            All(service, "ExecStartPre"));
        Assert.Equal(["/etc/arena/gpu-node.env", "-/run/arena-silo/models.env"], All(service, "EnvironmentFile"));
        Assert.Equal("arena-silo", Single(service, "RuntimeDirectory"));
        Assert.Equal("/opt/arena/silo/Arena.Silo", Single(service, "ExecStart"));
        Assert.Equal("on-failure", Single(service, "Restart"));
        Assert.Equal("arena", Single(service, "User"));
        // systemd must not kill the start while wait-ready.sh is still waiting.
        Assert.True(int.Parse(Single(service, "TimeoutStartSec")) > 1800);

        var vllm = Parse(Path.Combine(UnitDir, "arena-vllm@.service"));
        Assert.Equal("arena-vllm.target", Single(vllm["Install"], "WantedBy"));
        Assert.Equal("arena-vllm.target", Single(vllm["Unit"], "PartOf"));
    }

    [Fact]
    public void Every_script_the_units_run_is_in_the_kit()
    {
        foreach (var unit in Directory.EnumerateFiles(UnitDir))
        {
            foreach (Match match in KitPath().Matches(File.ReadAllText(unit)))
            {
                Assert.True(File.Exists(Path.Combine(Scripts.GpuNodes, match.Groups[1].Value)), $"{unit} runs {match.Value}, which gpu-nodes/ does not have");
            }
        }
    }

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_units_when_it_is_installed()
    {
        var analyze = Scripts.FindOnPath("systemd-analyze");
        if (analyze is null)
        {
            return; // The parser tests above still check the units; verify needs systemd's own tool.
        }

        // verify checks that each command exists and is executable, so the units are pointed at a copy of
        // the kit (and a stand-in Arena.Silo) instead of /opt/arena, which a test machine does not have.
        using var dir = new TempDir();
        var root = Path.Combine(dir.Path, "opt-arena");
        foreach (var script in Directory.EnumerateFiles(Scripts.GpuNodes, "*.sh"))
        {
            Executable(dir.Write(Path.Combine("opt-arena", "gpu-nodes", Path.GetFileName(script)), File.ReadAllText(script)));
        }

        Executable(dir.Write(Path.Combine("opt-arena", "silo", "Arena.Silo"), "#!/bin/sh\n"));
        var units = Directory.EnumerateFiles(UnitDir)
            .Select(unit => dir.Write(Path.Combine("units", Path.GetFileName(unit)), File.ReadAllText(unit).Replace("/opt/arena", root, StringComparison.Ordinal)))
            .ToArray();

        var result = await Scripts.RunAsync(analyze, ["verify", .. units]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("arena-", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_node_dry_run_prints_the_install_and_enables_one_vllm_instance_per_model()
    {
        using var dir = new TempDir();
        Executable(dir.Write(Path.Combine("publish", "Arena.Silo"), "#!/bin/sh\n"));

        var result = await Scripts.BashAsync(
            "install-node.sh", ["--dry-run", "--models", Scripts.ExampleModels, "--silo-dir", Path.Combine(dir.Path, "publish")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.OutLines;
        Assert.Contains(lines, line => line.StartsWith("useradd --system", StringComparison.Ordinal) || line == "# user arena exists");
        Assert.Contains($"install -m 0640 -o root -g arena {Scripts.ExampleModels} /etc/arena/models.conf", lines);
        Assert.Contains(lines, line => line.StartsWith("install -m 0644 -o root -g root ", StringComparison.Ordinal) && line.EndsWith("arena-silo.service /etc/systemd/system/", StringComparison.Ordinal));
        Assert.Contains($"cp -R --no-preserve=ownership {dir.Path}/publish/. /opt/arena/silo/", lines);
        Assert.Equal(
            "systemctl enable arena-vllm.target arena-vllm@llama-3.1-8b-instruct.service arena-vllm@qwen-2.5-14b-instruct.service arena-silo.service",
            lines[^1]);
    }

    [Fact]
    public async Task Install_node_refuses_an_invalid_models_file()
    {
        using var dir = new TempDir();
        var models = dir.Write("models.conf", "id=a hf_model=x/a\n");

        var result = await Scripts.BashAsync("install-node.sh", ["--dry-run", "--models", models]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(models + ":1: missing required field 'port'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("systemctl", result.StdOut, StringComparison.Ordinal);
    }

    private static void Executable(string path) =>
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    private static string Single(List<KeyValuePair<string, string>> entries, string key) => Assert.Single(All(entries, key));

    private static string[] All(List<KeyValuePair<string, string>> entries, string key) =>
        entries.Where(entry => entry.Key == key).Select(entry => entry.Value).ToArray();

    /// <summary>
    /// A small unit-file parser: <c>[Section]</c> headers and <c>Key=Value</c> lines, comments (# ;) and blank lines
    /// skipped; anything else, or a key before the first section, fails the test.
    /// </summary>
    private static Dictionary<string, List<KeyValuePair<string, string>>> Parse(string path)
    {
        var sections = new Dictionary<string, List<KeyValuePair<string, string>>>();
        List<KeyValuePair<string, string>>? current = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            Assert.False(line.EndsWith('\\'), $"{path}:{number}: continuation lines are not used in these units");
            var header = SectionHeader().Match(line);
            if (header.Success)
            {
                Assert.False(sections.ContainsKey(header.Groups[1].Value), $"{path}:{number}: section [{header.Groups[1].Value}] appears twice");
                current = sections[header.Groups[1].Value] = [];
                continue;
            }

            var assignment = Assignment().Match(line);
            Assert.True(assignment.Success, $"{path}:{number}: not a [Section] or Key=Value line: {line}");
            Assert.True(current is not null, $"{path}:{number}: {line} comes before any section");
            current!.Add(new(assignment.Groups[1].Value, assignment.Groups[2].Value.Trim()));
        }

        return sections;
    }

    [GeneratedRegex(@"^\[([A-Za-z]+)\]$")]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9]*)\s*=(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"/opt/arena/gpu-nodes/([A-Za-z0-9._-]+)")]
    private static partial Regex KitPath();
}
