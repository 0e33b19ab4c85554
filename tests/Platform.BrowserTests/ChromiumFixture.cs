using Microsoft.Playwright;

namespace Platform.BrowserTests;

/// <summary>
/// One headless Chromium for the whole run: the system's (Debian's) browser, never one downloaded by Playwright.
/// Its path comes from <c>PLATFORM_TEST_CHROMIUM</c> (test.sh sets it), else <c>/usr/bin/chromium</c>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private const string EnvironmentVariable = "PLATFORM_TEST_CHROMIUM";
    private const string DebianChromium = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been launched.");

    public async Task InitializeAsync()
    {
        var executable = ResolveExecutable();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string ResolveExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable} is '{configured}', but no such file exists. Point it at a Chromium executable.");
        }

        return File.Exists(DebianChromium)
            ? DebianChromium
            : throw new InvalidOperationException(
                $"No Chromium for the browser tests: {EnvironmentVariable} is not set and {DebianChromium} does not exist. "
                + $"Install it (apt-get install -y chromium) or set {EnvironmentVariable} to a Chromium executable; "
                + "these tests never download a browser.");
    }
}
