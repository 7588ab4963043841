using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arena.Browser.Tests;

/// <summary>An Arena whose assistant is the simulator's tool-calling <c>sim-assistant</c>, with a small dataset limit.</summary>
public sealed class AssistantBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["Arena:Assistant:Model"] = "sim-assistant",
    ["Arena:Datasets:MaxBytes"] = ChatJourneyTests.MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
});

[CollectionDefinition(Name)]
public sealed class AssistantBrowserCollection : ICollectionFixture<AssistantBrowserFixture>
{
    public const string Name = "browser, assistant";
}

/// <summary>The chat page's data journey: upload a CSV, ask the assistant, inspect its tool step, leave the data session, battle again.</summary>
[Collection(AssistantBrowserCollection.Name)]
public sealed class ChatJourneyTests(AssistantBrowserFixture fixture)
{
    public const int MaxDatasetBytes = 4096;

    private const string Sales = """
        region,product,price,units
        North,widget,10,3
        South,gadget,7.5,1
        North,gizmo,12.5,2
        East,widget,20,5
        South,widget,8,4
        East,gadget,31.25,2
        South,gizmo,11,1
        West,widget,9.99,7
        """;

    [Fact]
    public async Task DataJourney_UploadAskInspectToolThenEndSession_NextGeneralQuestionIsABattle()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("datasets-toggle").ClickAsync();
        await Expect(page.GetByTestId("datasets-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await page.GetByLabel("Upload a CSV").SetInputFilesAsync(Csv("sales.csv", Sales));

        var dataset = page.Locator("[data-testid='dataset'][data-name='sales']");
        await Expect(dataset.GetByTestId("dataset-shape")).ToHaveTextAsync("8 rows · 4 columns");
        await Expect(dataset.GetByRole(AriaRole.List, new() { Name = "Columns of sales" })).ToContainTextAsync("price number");
        await Expect(dataset.GetByRole(AriaRole.List, new() { Name = "Columns of sales" })).ToContainTextAsync("region text");
        await Expect(page.GetByTestId("data-mode")).ToHaveTextAsync("Messages go to the assistant");
        await page.ScreenshotToTmpAsync("chat-dataset");

        await AskAsync(page, "What is the average price by region?");
        var badge = page.GetByTestId("route-badge");
        await Expect(badge).ToHaveAttributeAsync("data-route", "assistant");
        await Expect(badge.Locator(".path")).ToHaveTextAsync("Assistant");
        await Expect(page.Locator("#prompt-help")).ToContainTextAsync("The assistant answers");
        var answer = page.GetByTestId("assistant-answer").Last;
        await Expect(answer).ToHaveAttributeAsync("data-status", "done");

        var step = answer.Locator("[data-testid='tool-step'][data-tool='group_by']");
        await step.Locator("summary").ClickAsync();
        await Expect(step.Locator("summary .tool")).ToHaveTextAsync("group_by");
        await Expect(step.Locator(".io pre").First).ToBeVisibleAsync();
        await Expect(step.Locator(".io pre").First).ToContainTextAsync("\"by\": \"region\"");
        await Expect(step.Locator(".io pre").Nth(1)).ToContainTextAsync("\"groups\"");
        await Expect(step.Locator(".io pre").Nth(1)).ToContainTextAsync("8.8333");
        await Expect(answer.GetByTestId("assistant-text")).ToContainTextAsync("8.8333"); // South: (7.5 + 8 + 11) / 3
        await Expect(answer.GetByTestId("assistant-text")).ToContainTextAsync("25.625"); // East: (20 + 31.25) / 2
        await page.ScreenshotToTmpAsync("chat-assistant");

        // Sending folds the panel away; open it again to leave the data session.
        await Expect(page.GetByTestId("datasets-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByTestId("data-mode")).ToBeVisibleAsync();
        await page.GetByTestId("datasets-toggle").ClickAsync();
        await dataset.GetByRole(AriaRole.Button, new() { Name = "Remove sales" }).ClickAsync();
        await Expect(page.GetByTestId("dataset")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("data-mode")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "End data session" }).ClickAsync();
        await Expect(page.GetByTestId("dataset-notice")).ToContainTextAsync("routed on its own");
        await Expect(page.GetByTestId("end-data-session")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("assistant-thread")).ToHaveCountAsync(0);
        await page.ScreenshotToTmpAsync("chat-ended");

        await page.RunBattleAsync("Write a haiku about autumn leaves falling.");
        await Expect(page.GetByTestId("route-badge")).ToHaveAttributeAsync("data-route", "arena");
        await Expect(page.GetByTestId("pane-a")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pane-b")).ToBeVisibleAsync();
        await page.ScreenshotToTmpAsync("chat-battle");
    }

    [Fact]
    public async Task Upload_TooLargeOrNotCsv_ShowsWhyInAnAlert_AndLoadsNothing()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("datasets-toggle").ClickAsync();

        var big = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", MaxDatasetBytes / 4 + 10));
        await page.GetByLabel("Upload a CSV").SetInputFilesAsync(Csv("big.csv", big));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("larger than the 4,096-byte limit");

        await page.GetByLabel("Upload a CSV").SetInputFilesAsync(Csv("empty.csv", ""));
        await Expect(page.GetByTestId("dataset-error")).Not.ToContainTextAsync("larger than");
        await Expect(page.GetByTestId("dataset-error")).ToHaveAttributeAsync("role", "alert");
        await Expect(page.GetByTestId("dataset")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("data-mode")).ToHaveCountAsync(0);
        await page.ScreenshotToTmpAsync("chat-upload-error");
    }

    [Fact]
    public async Task Phone_WithADatasetLoaded_TheCollapsedPanelLeavesThePromptOnScreen_AndAnAnswerDoesNotScrollSideways()
    {
        var page = await fixture.NewPageAsync(390, 844, isMobile: true);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("datasets-toggle").ClickAsync();
        await page.GetByLabel("Upload a CSV").SetInputFilesAsync(Csv("sales.csv", Sales));
        await Expect(page.GetByTestId("dataset")).ToHaveCountAsync(1);
        await page.GetByTestId("datasets-toggle").ClickAsync();
        await Expect(page.GetByTestId("datasets-toggle")).ToHaveAttributeAsync("aria-expanded", "false");

        var prompt = await page.GetByTestId("prompt").BoundingBoxAsync();
        Assert.NotNull(prompt);
        Assert.True(prompt.Y + prompt.Height <= 844, $"the prompt (y={prompt.Y}, h={prompt.Height}) should be on screen");

        await AskAsync(page, "What is the average price by region?");
        await Expect(page.GetByTestId("assistant-answer").Last).ToHaveAttributeAsync("data-status", "done");
        Assert.Equal(0, await page.HorizontalOverflowAsync());
        await page.ScreenshotToTmpAsync("chat-phone");
    }

    private static async Task AskAsync(IPage page, string message)
    {
        var box = page.GetByTestId("prompt");
        await box.FillAsync(message);
        await box.PressAsync("Enter");
    }

    private static FilePayload Csv(string name, string text) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
