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

        // A static HTML body of the given size: the baseline for pages of that size.
        var bodies = new System.Collections.Concurrent.ConcurrentDictionary<int, byte[]>();
        app.MapGet("/bytes/{size:int}", (int size) =>
            Results.Bytes(bodies.GetOrAdd(Math.Clamp(size, 1, 1 << 20), n => System.Text.Encoding.UTF8.GetBytes(new string('x', n))), "text/html; charset=utf-8"));
        app.MapMethods("/answer/{id}", ["PUT", "POST"], async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            await reader.ReadToEndAsync();
            return Results.NoContent();
        });
        await app.RunAsync();
    }
}
