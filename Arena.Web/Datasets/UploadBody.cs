using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Arena.Web.Datasets;

/// <summary>
/// Finds the uploaded file in a request, without buffering it: the <c>file</c> field of a
/// multipart/form-data body, or a raw <c>text/csv</c> body named by <c>?name=</c>.
/// </summary>
public static class UploadBody
{
    public const string FileField = "file";

    private const string Usage = "Send the CSV file as multipart/form-data in a field called 'file', or as a text/csv body with ?name=<dataset name>.";

    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain"];

    /// <summary>Calls <paramref name="upload"/> with the file's name and content stream.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, Func<string, Stream, Task<T>> upload)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            throw ArenaException.Invalid($"The request has no file. {Usage}");
        }

        var mediaType = contentType.MediaType.Value ?? "";
        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                throw ArenaException.Invalid($"The multipart body has no boundary. {Usage}");
            }

            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition()
                    && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FileField, StringComparison.Ordinal))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return await upload(fileName ?? "", section.Body);
                }
            }

            throw ArenaException.Invalid($"The form has no file in a field called 'file'. {Usage}");
        }

        if (CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            var name = request.Query["name"].ToString();
            if (string.IsNullOrWhiteSpace(name))
            {
                throw ArenaException.Invalid($"A text/csv upload needs a name: add ?name=<dataset name> to the URL.");
            }

            return await upload(name + ".csv", request.Body);
        }

        throw ArenaException.Invalid($"Content-Type '{mediaType}' is not an upload. {Usage}");
    }
}
