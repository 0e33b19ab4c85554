using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Core.Recipes;
using Quiz.Units;

namespace Quiz.Questions;

/// <summary>Registers the question bank's and the units' imports, exports and recipe steps.</summary>
internal static class QuestionBankServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="QuestionImporter"/>, <see cref="QuestionExporter"/>, <see cref="UnitImporter"/>,
    /// <see cref="UnitExporter"/> (scoped: resolve them in a tenant scope), the <c>units</c> and
    /// <c>questions</c> recipe steps and their exporters, and <see cref="QuestionBankOptions"/>. Calling it twice adds nothing.
    /// </summary>
    public static IServiceCollection AddQuestionBank(this IServiceCollection services)
    {
        services.AddOptions<QuestionBankOptions>().BindConfiguration(nameof(QuestionBankOptions));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<QuestionImporter>();
        services.TryAddScoped<QuestionExporter>();
        services.TryAddScoped<UnitImporter>();
        services.TryAddScoped<UnitExporter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecipeStep, UnitsRecipeStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecipeStep, QuestionsRecipeStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecipeExporter, UnitsRecipeExporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecipeExporter, QuestionsRecipeExporter>());
        return services;
    }
}
