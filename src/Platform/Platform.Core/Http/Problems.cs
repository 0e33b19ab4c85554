using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Core.Http;

/// <summary>The problem+json answers of the API: a <c>type</c> ending in one of the contract's codes.</summary>
public static class Problems
{
    /// <summary>Prefix of every problem type.</summary>
    public const string TypePrefix = "urn:contest-platform:problem:";

    /// <summary>A problem with a code and a Vietnamese title.</summary>
    public static ProblemHttpResult Create(string code, int status, string title, string? detail = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypePrefix + code);

    /// <summary>A validation problem with errors keyed by field.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string title = "Dữ liệu không hợp lệ") =>
        TypedResults.ValidationProblem(errors, title: title, type: TypePrefix + "validation");
}
