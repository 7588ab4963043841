namespace GpuNodes.Tests;

public sealed class ShellcheckTests
{
    [Fact]
    public async Task Every_gpu_node_script_passes_shellcheck()
    {
        var shellcheck = Scripts.FindOnPath("shellcheck");
        Assert.True(shellcheck is not null, "install shellcheck: apt-get install -y shellcheck");

        // Every .sh of the kit; VllmSim is a separate component with its own build output.
        var scripts = Directory.EnumerateFiles(Scripts.GpuNodes, "*.sh", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Scripts.GpuNodes, path))
            .Where(path => !path.StartsWith("VllmSim" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Superset(
            new HashSet<string> { "install-node.sh", "launch-vllm.sh", "models-file.sh", "wait-ready.sh" },
            scripts.ToHashSet());

        // -x follows the `. models-file.sh` the scripts source; style is shellcheck's strictest level.
        var result = await Scripts.RunAsync(shellcheck!, ["-x", "--severity=style", .. scripts]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StdOut);
    }
}
