using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Quiz.Questions;

/// <summary>The <c>questions</c> step: <c>{ "name": "questions", "file": "questions.xlsx" }</c>.</summary>
internal sealed class QuestionsStepData : RecipeStepData
{
    /// <summary>An .xlsx or .csv file in the questions format, relative to the recipe folder.</summary>
    public string File { get; set; } = string.Empty;
}

/// <summary>Imports the step's file into the bank: all rows or none; running it again changes nothing.</summary>
internal sealed class QuestionsRecipeStep : RecipeStep<QuestionsStepData>
{
    public const string StepName = "questions";

    public override string Name => StepName;

    protected override async Task RunAsync(QuestionsStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var path = context.ResolveFile(Name, data.File);
        await using var stream = File.OpenRead(path);
        var result = await context.Services.GetRequiredService<QuestionImporter>().ImportAsync(stream, data.File, cancellationToken);
        if (result.HasErrors)
        {
            throw new RecipeException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Format(data.File))));
        }
    }
}

/// <summary>Writes the bank to <c>questions.xlsx</c> and the step that imports it.</summary>
internal sealed class QuestionsRecipeExporter : IRecipeExporter
{
    public const string FileName = "questions.xlsx";

    public int Order => 30;

    public async Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken)
    {
        var exporter = services.GetRequiredService<QuestionExporter>();
        var rows = await exporter.ReadAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        await using (var stream = File.Create(Path.Combine(folder, FileName)))
        {
            QuestionSheet.Write(stream, FileName, rows);
        }

        return [new QuestionsStepData { Name = QuestionsRecipeStep.StepName, File = FileName }];
    }
}
