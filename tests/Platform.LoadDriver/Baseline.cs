namespace Platform.LoadDriver;

/// <summary>Bare Kestrel answering the same shapes of request, measured in the same run as the platform.</summary>
internal static class Baseline
{
    public static async Task ServeAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/hello", () => "hello");
        app.MapPut("/answer/{id}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            await reader.ReadToEndAsync();
            return Results.NoContent();
        });
        await app.RunAsync();
    }
}
