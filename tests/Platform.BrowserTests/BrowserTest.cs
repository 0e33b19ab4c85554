using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Platform.BrowserTests;

/// <summary>
/// Base of the browser tests: opens a fresh browser context (no cookies) on a phone or desktop viewport, records the
/// page's console errors, and saves a full-page screenshot named after the test, whether it passes or fails.
/// </summary>
public abstract class BrowserTest(PlatformServerFixture server, ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = "vi-VN",
    };

    private static readonly BrowserNewContextOptions Desktop = new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        Locale = "vi-VN",
    };

    /// <summary>The running server.</summary>
    protected PlatformServerFixture Server => server;

    /// <summary>Runs <paramref name="scenario"/> in a new page with a phone-sized viewport.</summary>
    protected Task OnPhoneAsync(Func<BrowserPage, Task> scenario, [CallerMemberName] string testName = "") =>
        RunAsync(Phone, scenario, testName);

    /// <summary>Runs <paramref name="scenario"/> in a new page with a desktop viewport.</summary>
    protected Task OnDesktopAsync(Func<BrowserPage, Task> scenario, [CallerMemberName] string testName = "") =>
        RunAsync(Desktop, scenario, testName);

    private async Task RunAsync(BrowserNewContextOptions options, Func<BrowserPage, Task> scenario, string testName)
    {
        await using var context = await chromium.Browser.NewContextAsync(options);
        var page = new BrowserPage(await context.NewPageAsync(), server);
        var screenshot = Path.Combine(TestPaths.Screenshots, $"{GetType().Name}.{testName}.png");
        try
        {
            await scenario(page);
        }
        catch
        {
            await TrySaveScreenshotAsync(page.Page, screenshot);
            Report(page);
            throw;
        }

        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Report(page);
        output.WriteLine($"Screenshot: {screenshot}");
    }

    private void Report(BrowserPage page)
    {
        foreach (var error in page.ConsoleErrors)
        {
            output.WriteLine($"Console error: {error}");
        }

        foreach (var error in page.IgnoredConsoleErrors)
        {
            output.WriteLine($"Console error (browser's implicit favicon request, not counted): {error}");
        }
    }

    private async Task TrySaveScreenshotAsync(IPage page, string path)
    {
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });
            output.WriteLine($"Screenshot of the failure: {path}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"No screenshot of the failure: {e.Message}");
        }
    }
}

/// <summary>
/// A page under test, with the console errors and uncaught exceptions it reported so far. The browser's own request for
/// <c>/favicon.ico</c> is not counted: Chromium makes it (and logs its 404) at most once per browser session, after the
/// first page, so counting it would make the result depend on test order. It is still written to the test output.
/// </summary>
public sealed partial class BrowserPage
{
    private readonly PlatformServerFixture _server;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _ignored = [];
    private readonly Lock _lock = new();

    internal BrowserPage(IPage page, PlatformServerFixture server)
    {
        Page = page;
        _server = server;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"{message.Text} (at {message.Location}, page {page.Url})", IsImplicitFaviconRequest(message.Location));
            }
        };
        page.PageError += (_, error) => Add($"uncaught: {error} (page {page.Url})", ignored: false);
    }

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far (without the browser's implicit favicon request).</summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_lock)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>Console errors of the browser's implicit <c>/favicon.ico</c> request.</summary>
    public IReadOnlyList<string> IgnoredConsoleErrors
    {
        get
        {
            lock (_lock)
            {
                return [.. _ignored];
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> on the test server and returns the final response (after redirects).</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(_server.Url(path).ToString());
        return response ?? throw new InvalidOperationException($"No response for {path}.");
    }

    /// <summary>Fails with every console error listed when there is any.</summary>
    public void AssertNoConsoleErrors()
    {
        var errors = ConsoleErrors;
        if (errors.Count > 0)
        {
            Assert.Fail($"{errors.Count} console error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }

    private static bool IsImplicitFaviconRequest(string location)
    {
        // Playwright formats the location as "<url>:<line>:<column>".
        var match = LocationPattern().Match(location);
        return match.Success
            && Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var url)
            && url.AbsolutePath == "/favicon.ico";
    }

    [GeneratedRegex(@"^(?<url>.*):\d+:\d+$")]
    private static partial Regex LocationPattern();

    private void Add(string error, bool ignored)
    {
        lock (_lock)
        {
            (ignored ? _ignored : _consoleErrors).Add(error);
        }
    }
}
