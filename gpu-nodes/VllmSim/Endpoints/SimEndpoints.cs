using VllmSim.Metrics;
using VllmSim.Protocol;
using VllmSim.Scheduling;

namespace VllmSim.Endpoints;

/// <summary>Maps vLLM's HTTP surface: chat completions, models, health, version and metrics.</summary>
internal static class SimEndpoints
{
    public static IEndpointRouteBuilder MapVllmSim(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", (HttpContext context, ChatCompletionHandler handler) => handler.HandleAsync(context));
        app.MapGet("/v1/models", (ModelRegistry registry) => Results.Content(WireJson.Serialize(ModelList(registry)), "application/json"));
        app.MapGet("/health", () => Results.Ok());
        app.MapGet("/version", (SimulatorOptions options) => Results.Content(WireJson.Serialize(new JsonObject { ["version"] = options.Version }), "application/json"));
        app.MapGet("/metrics", (SimMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }

    private static JsonObject ModelList(ModelRegistry registry)
    {
        var data = new JsonArray();
        foreach (var model in registry.All)
        {
            data.Add(new JsonObject
            {
                ["id"] = model.Options.Id,
                ["object"] = "model",
                ["created"] = model.Created,
                ["owned_by"] = "vllm",
                ["root"] = model.Options.Id,
                ["parent"] = null,
                ["max_model_len"] = model.Options.MaxModelLen,
                ["permission"] = new JsonArray(new JsonObject
                {
                    ["id"] = "modelperm-" + Guid.NewGuid().ToString("N"),
                    ["object"] = "model_permission",
                    ["created"] = model.Created,
                    ["allow_create_engine"] = false,
                    ["allow_sampling"] = true,
                    ["allow_logprobs"] = true,
                    ["allow_search_indices"] = false,
                    ["allow_view"] = true,
                    ["allow_fine_tuning"] = false,
                    ["organization"] = "*",
                    ["group"] = null,
                    ["is_blocking"] = false,
                }),
            });
        }

        return new JsonObject { ["object"] = "list", ["data"] = data };
    }
}
