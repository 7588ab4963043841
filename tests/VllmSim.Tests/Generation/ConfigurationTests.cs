using Microsoft.Extensions.DependencyInjection;

namespace VllmSim.Tests.Generation;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task Build_CommandLineOptions_BindVllmSimSectionAndReplaceDefaultModels()
    {
        await using var app = VllmSimServer.Build(
        [
            "--VllmSim:Models:0:Id=custom-model", "--VllmSim:Models:0:Style=terse", "--VllmSim:MaxNumSeqs=3", "--api-key", "k1",
        ]);

        var options = app.Services.GetRequiredService<SimulatorOptions>();
        Assert.Equal("custom-model", Assert.Single(options.Models).Id);
        Assert.Equal(3, options.MaxNumSeqs);
        Assert.Equal("k1", options.ApiKey);
    }

    [Fact]
    public void Build_DuplicateModelIds_FailsNamingTheSection()
    {
        var options = new SimulatorOptions();
        options.Models.Add(new SimModelOptions { Id = "sim-gpt-4o" });

        var ex = Assert.Throws<InvalidOperationException>(() => VllmSimServer.Build([], options));
        Assert.Contains("VllmSim:Models", ex.Message, StringComparison.Ordinal);
    }
}
