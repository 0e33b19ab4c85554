using System.Text.Json.Serialization;
using Platform.Core.Tenancy;

namespace Platform.Core.Recipes;

/// <summary>The fields every recipe step has. Steps derive from it; unknown fields are errors.</summary>
public class RecipeStepData
{
    /// <summary>The step name, which picks its handler.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}

/// <summary>What a step handler gets besides its data.</summary>
/// <param name="Tenant">The tenant being set up.</param>
/// <param name="Folder">The recipe folder; files are named relative to it.</param>
/// <param name="Services">Services of a scope bound to the tenant.</param>
/// <param name="Output">Messages for the operator (for example a generated password, shown once).</param>
public sealed record RecipeContext(TenantInfo Tenant, string Folder, IServiceProvider Services, TextWriter Output)
{
    /// <summary>The full path of a file named by a step; refuses paths that leave the recipe folder.</summary>
    public string ResolveFile(string stepName, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            throw new RecipeException($"recipe.json: step '{stepName}': field 'file' is required.");
        }

        var full = Path.GetFullPath(relativePath, Folder);
        var root = Path.GetFullPath(Folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new RecipeException($"recipe.json: step '{stepName}': file '{relativePath}' is outside the recipe folder.");
        }

        if (!File.Exists(full))
        {
            throw new RecipeException($"recipe.json: step '{stepName}': file '{relativePath}' does not exist.");
        }

        return full;
    }
}

/// <summary>A handler of one named recipe step, owned by a module and registered as a service. Steps are idempotent.</summary>
public interface IRecipeStep
{
    /// <summary>The step name in recipe.json.</summary>
    string Name { get; }

    /// <summary>The type the step's JSON is read into; derives from <see cref="RecipeStepData"/>.</summary>
    Type DataType { get; }

    /// <summary>Runs the step for a tenant.</summary>
    Task ExecuteAsync(RecipeStepData data, RecipeContext context, CancellationToken cancellationToken);
}

/// <summary>A typed step handler.</summary>
public abstract class RecipeStep<TData> : IRecipeStep where TData : RecipeStepData
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public Type DataType => typeof(TData);

    /// <inheritdoc />
    public Task ExecuteAsync(RecipeStepData data, RecipeContext context, CancellationToken cancellationToken) =>
        RunAsync((TData)data, context, cancellationToken);

    /// <summary>Runs the step.</summary>
    protected abstract Task RunAsync(TData data, RecipeContext context, CancellationToken cancellationToken);
}

/// <summary>Writes a module's part of a tenant as recipe steps, so that <c>tenant export</c> can clone it.</summary>
public interface IRecipeExporter
{
    /// <summary>Position among the exported steps (settings first, content last).</summary>
    int Order { get; }

    /// <summary>The steps that recreate this module's part of the tenant; may write files into <paramref name="folder"/>.</summary>
    Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>A recipe that cannot be used; the message names the file, step and field.</summary>
public sealed class RecipeException(string message, Exception? inner = null) : Exception(message, inner);
