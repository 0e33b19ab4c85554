using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Core.Theming;
using Quiz.Api;

namespace Quiz.Pages;

/// <summary>Quiz refusals as themed pages.</summary>
internal static class PageRequestExtensions
{
    /// <summary>
    /// A refusal of the quiz as a page: not found stays 404, the rest keeps its status. The problem's title is the API's
    /// Vietnamese message, translated here for the page (the API keeps it as it is).
    /// </summary>
    public static Task<ContentHttpResult> ProblemAsync(this PageRequest page, QuizProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var message = page.T(problem.Title);
        return problem.Code == "not-found"
            ? page.NotFoundAsync(message)
            : page.RenderAsync("Notice", page.T("Không thực hiện được"), new() { ["notice"] = new Notice(page.T("Không thực hiện được"), message, $"{page.BaseUrl}/cuoc-thi", page.T("Xem các cuộc thi")) }, problem.Status, personal: true);
    }
}
