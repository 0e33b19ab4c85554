using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Quiz.Units;

/// <summary>The <c>units</c> step: <c>{ "name": "units", "file": "units.xlsx" }</c>.</summary>
internal sealed class UnitsStepData : RecipeStepData
{
    /// <summary>An .xlsx or .csv file in the units format, relative to the recipe folder.</summary>
    public string File { get; set; } = string.Empty;
}

/// <summary>Imports the step's file into the units: all rows or none; running it again changes nothing.</summary>
internal sealed class UnitsRecipeStep : RecipeStep<UnitsStepData>
{
    public const string StepName = "units";

    public override string Name => StepName;

    protected override async Task RunAsync(UnitsStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var path = context.ResolveFile(Name, data.File);
        await using var stream = File.OpenRead(path);
        var result = await context.Services.GetRequiredService<UnitImporter>().ImportAsync(stream, data.File, cancellationToken);
        if (result.HasErrors)
        {
            throw new RecipeException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Format(data.File))));
        }
    }
}

/// <summary>Writes the units to <c>units.xlsx</c> and the step that imports them.</summary>
internal sealed class UnitsRecipeExporter : IRecipeExporter
{
    public const string FileName = "units.xlsx";

    public int Order => 20;

    public async Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken)
    {
        var rows = await services.GetRequiredService<UnitExporter>().ReadAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        await using (var stream = File.Create(Path.Combine(folder, FileName)))
        {
            UnitSheet.Write(stream, FileName, rows);
        }

        return [new UnitsStepData { Name = UnitsRecipeStep.StepName, File = FileName }];
    }
}
