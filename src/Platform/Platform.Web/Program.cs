using Content;
using Platform.Core.Hosting;
using Platform.Core.Identity;
using Platform.Core.Settings;
using Platform.Core.Tenancy;
using Platform.Web.Admin;
using Platform.Web.Cli;
using Quiz;
using Results;

var builder = WebApplication.CreateBuilder(PlatformCli.IsCommand(args) ? [] : args);
if (PlatformCli.IsCommand(args))
{
    PlatformCli.QuietLogging(builder.Logging);
}

builder.AddPlatform()
    .AddModule<TenantsModule>()
    .AddModule<SettingsModule>()
    .AddModule<UsersModule>()
    .AddModule<QuizModule>()
    .AddModule<ResultsModule>()
    .AddModule<ContentModule>();
builder.AddAdmin();

var app = builder.Build();
await app.InitializePlatformAsync(Console.Out);
if (PlatformCli.IsCommand(args))
{
    return await PlatformCli.RunAsync(app.Services, args, Console.Out, Console.Error, Console.In);
}

app.UsePlatform();
app.MapPlatform();
app.MapAdmin();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
