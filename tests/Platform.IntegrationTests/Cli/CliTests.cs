using System.Diagnostics;
using System.Net;
using Platform.IntegrationTests.Infrastructure;
using Platform.Web.Cli;

namespace Platform.IntegrationTests.Cli;

/// <summary>The operator's verbs with their exit codes and messages (README, CONTRACT.md).</summary>
public abstract class CliTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task TenantCreate_WhenValid_CreatesARunningTenantAndListsIt()
    {
        var name = PlatformFixture.UniqueName();

        var create = await RunAsync("tenant", "create", name, "--recipe", PlatformFixture.SampleRecipe, "--prefix", name + "-p");
        var list = await RunAsync("tenant", "list");

        Assert.Equal(0, create.Code);
        Assert.Contains($"{name}\tRunning\t/{name}-p\t-", list.Output, StringComparison.Ordinal);
        Assert.Contains("'admin' (TenantAdmin)", create.Output, StringComparison.Ordinal); // the generated password is shown once
        Assert.Equal(HttpStatusCode.OK, (await fixture.CreateClient().GetAsync($"/{name}-p/")).StatusCode);
    }

    [Fact]
    public async Task TenantCreate_WhenPrefixTaken_Exits2NamingTheArgument()
    {
        var first = await fixture.CreateTenantAsync();

        var result = await RunAsync("tenant", "create", PlatformFixture.UniqueName(), "--recipe", PlatformFixture.SampleRecipe, "--prefix", first.Prefix);

        Assert.Equal(2, result.Code);
        Assert.StartsWith("prefix:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenant", "create", "x1")] // --recipe missing
    [InlineData("tenant", "frobnicate")] // unknown verb
    [InlineData("tenant", "create", "x1", "--recipe", "/no/such/folder")] // recipe folder missing
    [InlineData("tenant", "disable", "no-such-tenant")] // unknown tenant
    [InlineData("tenant", "create", "Bad_Name", "--recipe", "SAMPLE")] // invalid name
    [InlineData("user", "create", "no-such-tenant", "someone", "--role", "Editor")] // unknown tenant
    public async Task Verb_WhenInputIsBad_Exits2WithAMessage(params string[] args)
    {
        var resolved = args.Select(a => a == "SAMPLE" ? PlatformFixture.SampleRecipe : a).ToArray();

        var result = await RunAsync(resolved);

        Assert.Equal(2, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public async Task TenantDisableAndEnable_ChangeTheStateServed()
    {
        var tenant = await fixture.CreateTenantAsync();

        var disable = await RunAsync("tenant", "disable", tenant.Name);
        var whileDisabled = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/");
        var enable = await RunAsync("tenant", "enable", tenant.Name);
        var afterEnable = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/");

        Assert.Equal((0, 0), (disable.Code, enable.Code));
        Assert.Equal(HttpStatusCode.NotFound, whileDisabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterEnable.StatusCode);
    }

    [Fact]
    public async Task UserCreate_WithPasswordFromStdin_CanSignIn()
    {
        var tenant = await fixture.CreateTenantAsync();

        var result = await RunAsync(["user", "create", tenant.Name, "soancauhoi", "--role", "QuestionAuthor", "--password-stdin"], "mat-khau-moi-1\n");
        var login = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{tenant.Prefix}", "soancauhoi", "mat-khau-moi-1");

        Assert.Equal(0, result.Code);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task UserCreate_WhenRoleUnknown_Exits2NamingTheOption()
    {
        var tenant = await fixture.CreateTenantAsync();

        var result = await RunAsync("user", "create", tenant.Name, "someone", "--role", "Boss");

        Assert.Equal(2, result.Code);
        Assert.StartsWith("--role:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantExport_ThenCreateFromIt_ClonesTheTenant()
    {
        var source = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(source, "bientap", Platform.Core.Identity.PlatformRoles.Editor, "matkhau2023");
        var folder = Directory.CreateTempSubdirectory("export-").FullName;
        var clone = PlatformFixture.UniqueName();

        var export = await RunAsync("tenant", "export", source.Name, folder);
        var create = await RunAsync("tenant", "create", clone, "--recipe", folder);
        var recipe = await File.ReadAllTextAsync(Path.Combine(folder, "recipe.json"));
        var home = await fixture.CreateClient().GetAsync($"/{clone}/");

        Assert.Equal((0, 0), (export.Code, create.Code));
        Assert.Contains("\"theme\": \"BacKan\"", recipe, StringComparison.Ordinal);
        Assert.Contains("\"userName\": \"bientap\"", recipe, StringComparison.Ordinal);
        Assert.DoesNotContain("password", recipe, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Ủy ban nhân dân tỉnh Bắc Kạn", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RealProcess_TenantCreate_IsServedByTheRunningServerWithinSeconds()
    {
        var name = PlatformFixture.UniqueName();
        _ = await fixture.CreateClient().GetAsync("/");

        var (code, output, error) = await RunProcessAsync("tenant", "create", name, "--recipe", PlatformFixture.SampleRecipe);

        Assert.True(code == 0, $"exit {code}: {output} {error}");
        Assert.Equal(HttpStatusCode.OK, await fixture.WaitForStatusAsync($"/{name}/", HttpStatusCode.OK));
    }

    [Fact]
    public async Task RealProcess_BadArgument_Exits2()
    {
        var (code, _, error) = await RunProcessAsync("tenant", "create", "x1");

        Assert.Equal(2, code);
        Assert.Contains("--recipe", error, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAsync(args, string.Empty);

    private async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string input)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PlatformCli.RunAsync(fixture.Services, args, output, error, new StringReader(input));
        return (code, output.ToString(), error.ToString());
    }

    private async Task<(int Code, string Output, string Error)> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(WebDll)! };
        start.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Platform__DataPath"] = fixture.DataPath;
        start.Environment["Platform__Database__Provider"] = fixture.Provider.ToString();
        start.Environment["Platform__Database__ConnectionString"] = fixture.ConnectionString;
        start.Environment["Platform__Bootstrap__AdminPassword"] = PlatformFixture.HostAdminPassword;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    // The host's own build output, in the configuration these tests were built in.
    private static string WebDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var root = testBin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Platform.sln")))
            {
                root = root.Parent;
            }

            return Path.Combine(root!.FullName, "src", "Platform", "Platform.Web", "bin", configuration, framework, "Platform.Web.dll");
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteCliTests(SqliteFixture fixture) : CliTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresCliTests(PostgresFixture fixture) : CliTests<PostgresFixture>(fixture);
