using System.Net;
using System.Net.Http.Json;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;
using Arena.Web.Tests.Moderation;

namespace Arena.Web.Tests.Capacity;

/// <summary>
/// One start at a time (<c>Arena:Capacity:StartsInFlight</c> = 1). A start is held in flight by OpenAI's moderation
/// (a local server that never answers a <c>[hang]</c> prompt, until the check's five-second timeout lets it through).
/// </summary>
public sealed class CapacityHostFixture() : OpenAiHostFixture(failClosed: false)
{
    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>(base.Settings())
    {
        ["Arena:Capacity:StartsInFlight"] = "1",
        ["Arena:Capacity:BusyRetryAfter"] = "00:00:03",
        ["Arena:Moderation:OpenAi:Timeout"] = "00:00:05",
    };
}

/// <summary>Past its capacity a web node refuses new starts at once with 503 and Retry-After, and admits again once a start is done.</summary>
public sealed class StartAdmissionTests(CapacityHostFixture fixture) : IClassFixture<CapacityHostFixture>
{
    [Fact]
    public async Task Starts_WhileTheOnlyPlaceIsTaken_Are503AtOnceWithRetryAfter_StartNothing_AndThePlaceComesBack()
    {
        var holder = new ArenaApi(fixture.Factory.CreateSessionClient());
        var other = new ArenaApi(fixture.Factory.CreateSessionClient());
        var held = $"Tell me about tides. [hang] {Guid.NewGuid():N}";
        var first = holder.Http.PostAsJsonAsync("/api/battles", new { prompt = held });
        await Eventually.TrueAsync(() => fixture.Moderation.ReceivedFor(held).Count == 1, "the held start to reach moderation");

        foreach (var (path, body) in new (string, object)[] { ("/api/battles", new { prompt = "Name a river." }), ("/api/chat", new { message = "Name a river." }) })
        {
            using var refused = await other.Http.PostAsJsonAsync(path, body);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"POST {path}: {(int)refused.StatusCode} {text}");
            Assert.Equal("3", refused.Headers.GetValues("Retry-After").Single());
            Assert.Contains("Arena is busy", text, StringComparison.Ordinal);
            Assert.Contains("Arena:Capacity:StartsInFlight", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await ModerationApi.HistoryCountAsync(other));
        Assert.Empty(fixture.Moderation.ReceivedFor("Name a river."));

        // The held start goes through once its check times out (failing open), and gives its place back.
        using (var answer = await first)
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }

        var (battle, _) = await other.StartBattleAsync("Name a river.");
        await other.WaitUntilFinishedAsync(battle);
        Assert.Equal(1, await ModerationApi.HistoryCountAsync(other));
    }

    [Fact]
    public async Task Start_RefusedByModeration_GivesItsPlaceBack()
    {
        var api = new ArenaApi(fixture.Factory.CreateSessionClient());
        await ModerationApi.ExpectRefusalAsync(api.Http.PostAsJsonAsync("/api/battles", new { prompt = $"Something nasty [flag:harassment] {Guid.NewGuid():N}" }));

        var (battle, _) = await api.StartBattleAsync("Name a mountain.");

        await api.WaitUntilFinishedAsync(battle);
    }
}
