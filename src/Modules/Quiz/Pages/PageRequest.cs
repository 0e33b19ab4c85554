using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Core.Theming;
using Quiz.Api;

namespace Quiz.Pages;

/// <summary>Quiz refusals as themed pages.</summary>
internal static class PageRequestExtensions
{
    /// <summary>A refusal of the quiz as a page: not found stays 404, the rest keeps its status and Vietnamese title.</summary>
    public static Task<ContentHttpResult> ProblemAsync(this PageRequest page, QuizProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Code == "not-found"
            ? page.NotFoundAsync(problem.Title)
            : page.RenderAsync("Notice", "Không thực hiện được", new() { ["notice"] = new Notice("Không thực hiện được", problem.Title, $"{page.BaseUrl}/cuoc-thi", "Xem các cuộc thi") }, problem.Status, personal: true);
    }
}
