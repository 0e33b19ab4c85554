using Fluid;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core;
using Platform.Core.Contests;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Modules;
using Platform.Core.Recipes;
using Quiz.Api;
using Quiz.Attempts;
using Quiz.Contestants;
using Quiz.Contests;
using Quiz.Data;
using Quiz.Pages;
using Quiz.Questions;

namespace Quiz;

/// <summary>Question bank, units, contests, registration and timed attempts.</summary>
public sealed class QuizModule : IModule
{
    /// <summary>Write and import the question bank.</summary>
    public const string ManageQuestions = "questions.manage";

    /// <summary>Configure contests and units.</summary>
    public const string ManageContests = "contests.manage";

    /// <inheritdoc />
    public string Name => "Quiz";

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => ["Users"];

    /// <inheritdoc />
    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(ManageQuestions, "Soạn và nhập ngân hàng câu hỏi", [PlatformRoles.TenantAdmin, PlatformRoles.QuestionAuthor]),
        new(ManageContests, "Cấu hình cuộc thi và đơn vị", [PlatformRoles.TenantAdmin]),
    ];

    /// <inheritdoc />
    public IReadOnlyList<AdminMenuItem> AdminMenu =>
    [
        new("Câu hỏi", "/admin/questions", ManageQuestions, 100),
        new("Cuộc thi", "/admin/contests", ManageContests, 110),
        new("Theo dõi trực tiếp", "/admin/live", ManageContests, 115),
        new("Đơn vị", "/admin/units", ManageContests, 120),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleDbContext<QuizDbContext, SqliteQuizDbContext, PostgresQuizDbContext>(QuizDbContext.Module, options.Database.Provider);
        services.AddQuestionBank();
        services.AddScoped<AttemptService>();
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.Section);
        services.AddSingleton<StartAdmission>();
        services.AddScoped<LiveLeaderboard>();
        services.AddSingleton<ActiveBank>();
        services.AddSingleton<AttemptWrites>();
        services.AddSingleton<AnswerSheets>();
        services.AddScoped<RegistrationService>();
        services.AddScoped<IContestData, QuizContestData>();
        services.AddSingleton<AttemptSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AttemptSweeper>());
        services.AddSingleton<IRecipeStep, ContestStep>();
        services.AddSingleton<IRecipeExporter, ContestExporter>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapQuizApi();
        endpoints.MapContestantPages();
    }

    /// <inheritdoc />
    public void ConfigureTemplates(TemplateOptions options) => ContestantPages.RegisterContestantViewModels(options);
}
