using System.Net;
using Arena.Web.Tests.Api;
using Arena.Web.Tests.Hosting;

namespace Arena.Web.Tests.Operators;

/// <summary>Without ARENA_OPERATOR_KEY every operator endpoint is closed, whatever key a caller sends.</summary>
public sealed class OperatorDisabledTests : IAsyncLifetime
{
    // Empty, so that a key in the environment running the tests cannot enable it.
    private readonly ArenaHost _host = new(timeScale: 0.02, new Dictionary<string, string> { ["ARENA_OPERATOR_KEY"] = "" });

    public Task InitializeAsync() => _host.StartAsync();

    [Theory]
    [MemberData(nameof(OperatorAccessTests.OperatorPaths), MemberType = typeof(OperatorAccessTests))]
    public async Task OperatorEndpoint_NoKeyConfigured_Returns404SayingHowToEnable(string path)
    {
        var problem = await ArenaApi.ExpectProblemAsync(_host.Factory.CreateClient().GetAsOperatorAsync(path), HttpStatusCode.NotFound);

        Assert.Contains("disabled", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("ARENA_OPERATOR_KEY", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_NoKeyConfigured_SetsNoCookieAndThePageSaysDisabled()
    {
        var http = _host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await OperatorSignInTests.PostSignInAsync(http, "");
        var page = await http.GetStringAsync("/operator");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(OperatorSignInTests.OperatorCookie(response));
        Assert.Contains("operator-disabled", page, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
