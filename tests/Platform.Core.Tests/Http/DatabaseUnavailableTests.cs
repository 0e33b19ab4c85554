using System.Data.Common;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Core.Http;

namespace Platform.Core.Tests.Http;

public sealed class DatabaseUnavailableTests
{
    [Fact]
    public void IsTransient_FindsAConnectionFailureInsideEfCoresWrapper_AndNothingElse()
    {
        var lost = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("Exception while reading from stream", new SocketException()));

        Assert.True(DatabaseUnavailableMiddleware.IsTransient(lost));
        Assert.False(DatabaseUnavailableMiddleware.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(DatabaseUnavailableMiddleware.IsTransient(new Permanent()));
    }

    [Fact]
    public async Task Request_WhoseDatabaseWentAway_Answers503Unavailable_WithRetryAfter()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        var middleware = new DatabaseUnavailableMiddleware(_ => throw new NpgsqlException("connection refused", new SocketException()), NullLogger<DatabaseUnavailableMiddleware>.Instance);

        await middleware.InvokeAsync(http);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.EndsWith(":unavailable", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherExceptions_PassThrough()
    {
        var middleware = new DatabaseUnavailableMiddleware(_ => throw new InvalidOperationException("a bug"), NullLogger<DatabaseUnavailableMiddleware>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(new DefaultHttpContext()));
    }

    private sealed class Permanent : DbException
    {
        public override bool IsTransient => false;
    }
}
