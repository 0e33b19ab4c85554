using Fluid;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Results.Api;
using Results.Data;
using Results.Exports;
using Results.Pages;
using Results.Ranking;
using Results.Statistics;

namespace Results;

/// <summary>Rankings, prizes, unit awards, approval and publication, statistics and exports.</summary>
public sealed class ResultsModule : IModule
{
    /// <summary>Compute results, disqualify, enter the prediction value, see statistics and exports.</summary>
    public const string ManageResults = "results.manage";

    /// <summary>Approve and publish results.</summary>
    public const string ApproveResults = "results.approve";

    /// <inheritdoc />
    public string Name => "Results";

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => ["Quiz"];

    /// <inheritdoc />
    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(ManageResults, "Tính kết quả, thống kê và xuất Excel", [PlatformRoles.TenantAdmin, PlatformRoles.Secretary]),
        new(ApproveResults, "Phê duyệt và công bố kết quả", [PlatformRoles.TenantAdmin]),
    ];

    /// <inheritdoc />
    public IReadOnlyList<AdminMenuItem> AdminMenu =>
    [
        new("Kết quả", "/admin/results", ManageResults, 200),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleDbContext<ResultsDbContext, SqliteResultsDbContext, PostgresResultsDbContext>(ResultsDbContext.Module, options.Database.Provider);
        services.AddScoped<ResultsService>();
        services.AddScoped<EvidenceExport>();
        services.AddScoped<ResultsExcel>();
        services.AddResultsStatistics();
        services.AddSingleton<PublishedResults>();
        services.AddSingleton<DiscardedRunsCleaner>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscardedRunsCleaner>());
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapResultsApi();
        endpoints.MapPublicResultsPages();
        endpoints.MapPublicStatisticsPage();
        endpoints.MapResultLookupPage();
    }

    /// <inheritdoc />
    public void ConfigureTemplates(TemplateOptions options)
    {
        PublicResultsPages.RegisterViewModels(options);
        PublicStatisticsPage.RegisterViewModels(options);
        ResultLookupPage.RegisterViewModels(options);
    }
}
