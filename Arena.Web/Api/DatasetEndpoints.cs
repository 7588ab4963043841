using Arena.Web.Datasets;
using Arena.Web.Limits;
using Arena.Web.Sessions;
using Microsoft.AspNetCore.Http.Features;

namespace Arena.Web.Api;

/// <summary>The session's datasets: upload a CSV file, list, preview and remove them.</summary>
public static class DatasetEndpoints
{
    /// <summary>Room for a multipart body's headers and boundaries beyond the file itself.</summary>
    private const long MultipartOverhead = 1024 * 1024;

    public static IEndpointRouteBuilder MapDatasetApi(this IEndpointRouteBuilder app)
    {
        var datasets = app.MapGroup("/api/sessions/me/datasets");

        datasets.MapPost("/", async (HttpContext http, DatasetService service) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                // The service enforces the dataset limit while reading; the server's own limit must not cut in first.
                limit.MaxRequestBodySize = service.MaxBytes + MultipartOverhead;
            }

            try
            {
                var dataset = await UploadBody.ReadAsync(http.Request, (fileName, content) =>
                    service.UploadAsync(http.GetSessionId(), fileName, content, http.RequestAborted));
                return Results.Created($"/api/sessions/me/datasets/{dataset.Id}", DatasetView.From(dataset));
            }
            catch (DatasetTooLargeException tooLarge)
            {
                return Results.Problem(detail: tooLarge.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");
            }
        }).RequireArenaLimit(LimitedAction.Upload);

        datasets.MapGet("/", async (HttpContext http, DatasetService service) =>
            TypedResults.Ok(new DatasetListView([.. (await service.ListAsync(http.GetSessionId())).Select(DatasetView.From)])));

        datasets.MapGet("/{id}", async (string id, HttpContext http, DatasetService service) =>
        {
            var preview = await service.GetAsync(http.GetSessionId(), ParseId(id));
            return TypedResults.Ok(new DatasetDetailView(DatasetView.From(preview.Info), preview.Rows));
        });

        datasets.MapDelete("/{id}", async (string id, HttpContext http, DatasetService service) =>
        {
            await service.RemoveAsync(http.GetSessionId(), ParseId(id));
            return TypedResults.NoContent();
        });

        return app;
    }

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var datasetId) ? datasetId : throw ArenaException.NotFound($"There is no dataset '{id}'.");
}
