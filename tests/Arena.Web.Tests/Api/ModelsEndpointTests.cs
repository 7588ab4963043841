using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Api;

[Collection(ArenaCollection.Name)]
public sealed class ModelsEndpointTests(ArenaFixture fixture)
{
    [Fact]
    public async Task GetModels_SimulatedModels_ListsBattleModelsAndKeepsAssistantOut()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());

        var models = (await api.GetModelsAsync()).Models;

        Assert.Equal(models.Count, models.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.True(models.Count(m => m.InArena) >= 2, "A battle needs at least two arena models.");
        Assert.False(Assert.Single(models, m => m.Id == "sim-assistant").InArena);
    }
}
