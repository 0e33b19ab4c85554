using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Core.Recipes;

/// <summary>A parsed and checked recipe: every step has a handler and only fields that handler knows.</summary>
/// <param name="Folder">Absolute recipe folder.</param>
/// <param name="DisplayName">The tenant's display name.</param>
/// <param name="Steps">The steps, in order.</param>
public sealed record Recipe(string Folder, string DisplayName, IReadOnlyList<RecipeStepEntry> Steps);

/// <summary>One step of a recipe with its handler.</summary>
/// <param name="Index">Position, from 1.</param>
/// <param name="Handler">The module's handler.</param>
/// <param name="Data">The step's fields.</param>
public sealed record RecipeStepEntry(int Index, IRecipeStep Handler, RecipeStepData Data);

/// <summary>Reads <c>recipe.json</c>.</summary>
public sealed class RecipeReader(IEnumerable<IRecipeStep> handlers)
{
    /// <summary>JSON options of recipes: camelCase, unknown fields refused.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The step names this host knows.</summary>
    public IEnumerable<string> StepNames => handlers.Select(h => h.Name).Order(StringComparer.Ordinal);

    /// <summary>Reads and checks the recipe in <paramref name="folder"/>; throws <see cref="RecipeException"/> naming what is wrong.</summary>
    public Recipe Read(string folder)
    {
        var full = Path.GetFullPath(folder);
        var file = Path.Combine(full, "recipe.json");
        if (!File.Exists(file))
        {
            throw new RecipeException($"{file}: recipe.json not found.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new RecipeException($"{file}: line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RecipeException($"{file}: the recipe must be a JSON object.");
            }

            string? displayName = null;
            List<RecipeStepEntry>? steps = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "displayName":
                        displayName = property.Value.ValueKind == JsonValueKind.String
                            ? property.Value.GetString()
                            : throw new RecipeException($"{file}: 'displayName' must be a string.");
                        break;
                    case "description":
                        break;
                    case "steps":
                        steps = ReadSteps(file, property.Value).ToList();
                        break;
                    default:
                        throw new RecipeException($"{file}: unknown field '{property.Name}' (expected displayName, description, steps).");
                }
            }

            if (string.IsNullOrWhiteSpace(displayName))
            {
                throw new RecipeException($"{file}: field 'displayName' is required.");
            }

            if (steps is null)
            {
                throw new RecipeException($"{file}: field 'steps' is required.");
            }

            return new Recipe(full, displayName, steps);
        }
    }

    private IEnumerable<RecipeStepEntry> ReadSteps(string file, JsonElement steps)
    {
        if (steps.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException($"{file}: 'steps' must be an array.");
        }

        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            if (step.ValueKind != JsonValueKind.Object)
            {
                throw new RecipeException($"{file}: step {index} must be an object.");
            }

            var name = step.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new RecipeException($"{file}: step {index} has no 'name'.");
            }

            var handler = handlers.FirstOrDefault(h => h.Name == name)
                ?? throw new RecipeException($"{file}: step {index} '{name}': unknown step (known: {string.Join(", ", StepNames)}).");
            RecipeStepData data;
            try
            {
                data = (RecipeStepData)(step.Deserialize(handler.DataType, JsonOptions)
                    ?? throw new RecipeException($"{file}: step {index} '{name}' is empty."));
            }
            catch (JsonException ex)
            {
                // The reader's line numbers count from the step, not the file: name the field instead.
                var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" field '{ex.Path.TrimStart('$', '.')}'";
                var message = ex.Message.Split(" Path:", 2)[0];
                throw new RecipeException($"{file}: step {index} '{name}'{where}: {message}", ex);
            }

            yield return new RecipeStepEntry(index, handler, data);
        }
    }
}
