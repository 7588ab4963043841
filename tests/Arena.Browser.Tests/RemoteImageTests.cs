using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>An Arena whose two extra models answer with a remote Markdown image (see <see cref="RemoteImageModel"/>).</summary>
public sealed class RemoteImageFixture : BrowserFixture
{
    public RemoteImageFixture()
        : this(new RemoteImageModel())
    {
    }

    private RemoteImageFixture(RemoteImageModel model)
        : base(Settings(model)) => Model = model;

    public RemoteImageModel Model { get; }

    public override async Task InitializeAsync()
    {
        await Model.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }

    private static Dictionary<string, string> Settings(RemoteImageModel model)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < RemoteImageModel.Models.Length; i++)
        {
            settings[$"Arena:Models:{i}:Id"] = RemoteImageModel.Models[i];
            settings[$"Arena:Models:{i}:Provider"] = "vllm";
            settings[$"Arena:Models:{i}:BaseUrl"] = new Uri(model.Address, "v1").ToString();
            settings[$"Arena:Models:{i}:Simulated"] = "true";
        }

        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class RemoteImageCollection : ICollectionFixture<RemoteImageFixture>
{
    public const string Name = "browser, remote images";
}

/// <summary>Model Markdown never loads a remote resource: a remote image shows as a link under its alt text.</summary>
[Collection(RemoteImageCollection.Name)]
public sealed class RemoteImageTests(RemoteImageFixture fixture)
{
    [Fact]
    public async Task AnswerWithRemoteImage_RendersALinkAndLoadsNothingFromElsewhere()
    {
        var page = await fixture.NewPageAsync();
        var csp = await CspWatch.StartAsync(page.Context);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Server.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        await page.GotoAsync("compare");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("model-a").SelectOptionAsync(RemoteImageModel.Models[0]);
        await page.GetByTestId("model-b").SelectOptionAsync(RemoteImageModel.Models[1]);

        await page.RunBattleAsync("Draw me a chart of the sales.");

        foreach (var pane in new[] { "pane-a", "pane-b" })
        {
            var answer = page.GetByTestId(pane).Locator(".answer-text");
            await Expect(answer.Locator("a.answer-image-link")).ToHaveTextAsync(RemoteImageModel.Alt);
            await Expect(answer.Locator("img")).ToHaveCountAsync(0);
            foreach (var link in await answer.Locator("a").AllAsync())
            {
                await Expect(link).ToHaveAttributeAsync("rel", "nofollow noopener noreferrer");
                await Expect(link).ToHaveAttributeAsync("target", "_blank");
            }
        }

        await Expect(page.Locator("img[src^='http']")).ToHaveCountAsync(0);
        await page.GetByTestId("vote-a").ClickAsync();
        await Expect(page.GetByTestId("reveal")).ToBeVisibleAsync();
        Assert.Equal(0, fixture.Model.PixelRequests);
        Assert.Empty(elsewhere);
        csp.AssertNone();
    }
}
