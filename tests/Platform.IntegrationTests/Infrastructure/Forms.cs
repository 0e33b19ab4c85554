using System.Text.RegularExpressions;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Posts Razor Pages forms the way a browser does: with the antiforgery token of the page.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pagePath, IDictionary<string, string> fields, string? handler = null)
    {
        var page = await client.GetStringAsync(pagePath);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {pagePath}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        var target = handler is null ? pagePath : $"{pagePath}?handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
