using Microsoft.AspNetCore.Http;
using Platform.Core.Http;

namespace Quiz.Api;

/// <summary>A refusal the API answers as problem+json with one of the contract's codes.</summary>
public sealed class QuizProblemException(string code, int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    : Exception(title)
{
    /// <summary>Contract code (validation, not-eligible, ...).</summary>
    public string Code { get; } = code;

    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Vietnamese title.</summary>
    public string Title { get; } = title;

    /// <summary>Detail.</summary>
    public string? Detail { get; } = detail;

    /// <summary>Errors by field, for validation.</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>A validation problem.</summary>
    public static QuizProblemException Validation(IDictionary<string, string[]> errors) =>
        new("validation", StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", errors: errors);

    /// <summary>A validation problem on one field.</summary>
    public static QuizProblemException Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Not found (or not yours).</summary>
    public static QuizProblemException NotFound(string title = "Không tìm thấy.") =>
        new("not-found", StatusCodes.Status404NotFound, title);

    /// <summary>The HTTP answer.</summary>
    public IResult ToResult() => Errors is null
        ? Problems.Create(Code, Status, Title, Detail)
        : Problems.Validation(Errors, Title);
}

/// <summary>Turns <see cref="QuizProblemException"/> into its problem answer for every endpoint of the group.</summary>
internal sealed class QuizProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (QuizProblemException problem)
        {
            return problem.ToResult();
        }
    }
}
