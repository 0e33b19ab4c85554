using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Core.Http;

/// <summary>
/// While the database restarts or fails over, a request that needed it answers 503 <c>unavailable</c> with
/// <c>Retry-After</c> instead of a bare 500: nothing was written, and clients (the attempt page, mobile apps) know to send
/// the same request again. Any other exception passes through untouched.
/// </summary>
internal sealed partial class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    /// <summary>Seconds a client is asked to wait.</summary>
    public const int RetryAfterSeconds = 2;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (IsTransient(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, e, http.Request.Method, http.Request.Path);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Create("unavailable", StatusCodes.Status503ServiceUnavailable, "Máy chủ dữ liệu đang khởi động lại. Vui lòng thử lại sau vài giây.").ExecuteAsync(http);
        }
    }

    /// <summary>Whether a database error anywhere in the chain is one that passes (connection lost, server restarting).</summary>
    public static bool IsTransient(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable for {Method} {Path}: answered 503 with Retry-After.")]
    private static partial void LogUnavailable(ILogger logger, Exception e, string method, PathString path);
}
