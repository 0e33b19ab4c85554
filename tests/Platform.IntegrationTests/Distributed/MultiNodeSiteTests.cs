using Content.Data;
using Content.Publishing;
using Content.Templates;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Platform.Core.Observability;
using Platform.Core.Tenancy;
using Results.Ranking;
using Platform.IntegrationTests.Content;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Distributed;

/// <summary>
/// Two nodes sharing the database and Redis: an edit made through one node is what the other node's visitors see at
/// once, although each node keeps its own page cache and parsed templates (the bus tells the other node to drop them).
/// </summary>
public abstract class MultiNodeSiteTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task PageEdited_OnNodeA_IsShownAtOnceByNodeB_WhoseCacheHeldTheOldPage()
    {
        using var nodes = await TwoNodesAsync();
        var (tenant, a, _, visitor) = nodes;
        var id = await EditAsync(a, tenant, null, "Bản đầu tiên");
        Assert.Contains("Bản đầu tiên", await visitor.GetStringAsync($"/{tenant.Prefix}/lien-he"), StringComparison.Ordinal);
        Assert.True((await visitor.GetAsync($"/{tenant.Prefix}/lien-he")).Headers.Age is not null, "node B serves the page from its cache");

        await EditAsync(a, tenant, id, "Bản thứ hai");

        var html = string.Empty;
        for (var i = 0; i < 25 && !html.Contains("Bản thứ hai", StringComparison.Ordinal); i++)
        {
            await Task.Delay(40);
            html = await visitor.GetStringAsync($"/{tenant.Prefix}/lien-he");
        }

        Assert.Contains("Bản thứ hai", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateApplied_OnNodeA_IsLiveOnNodeB_WithinASecond()
    {
        using var nodes = await TwoNodesAsync();
        var (tenant, a, _, visitor) = nodes;
        Assert.DoesNotContain("node-a-home", await visitor.GetStringAsync($"/{tenant.Prefix}/"), StringComparison.Ordinal);

        await using (var scope = a.Services.GetRequiredService<TenantScopeFactory>().CreateScope(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<TemplateEditor>().PutLiveAsync("Home", "<section class=\"node-a-home\">Trang chủ</section>", "test", CancellationToken.None);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var html = string.Empty;
        while (watch.Elapsed < TimeSpan.FromSeconds(1) && !html.Contains("node-a-home", StringComparison.Ordinal))
        {
            await Task.Delay(40);
            html = await visitor.GetStringAsync($"/{tenant.Prefix}/");
        }

        Assert.Contains("node-a-home", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MenuEdited_OnNodeA_IsShownWithinASecond_ByNodeB_WhichKeepsTheMenuForPagesItCannotCache()
    {
        using var nodes = await TwoNodesAsync();
        var (tenant, a, _, visitor) = nodes;
        var asked = 0;
        // Each look-up asks for a different name: a page of its own, rendered by node B, never from its page cache.
        Task<string> LookupAsync() => visitor.GetStringAsync($"/{tenant.Prefix}/tra-cuu?ten=khach{++asked}");
        Assert.DoesNotContain("Liên kết mới", await LookupAsync(), StringComparison.Ordinal);

        await using (var scope = a.Services.GetRequiredService<TenantScopeFactory>().CreateScope(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<ContentService>().SaveMenuAsync([new MenuInput("Liên kết mới", "~/tin-tuc")], "test", CancellationToken.None);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var html = string.Empty;
        while (watch.Elapsed < TimeSpan.FromSeconds(1) && !html.Contains("Liên kết mới", StringComparison.Ordinal))
        {
            await Task.Delay(40);
            html = await LookupAsync();
        }

        Assert.Contains("Liên kết mới", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicStatistics_AskedOnBothNodes_AreComputedOnce_ForTheWholeDeployment()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 60, seed: 37);
        await using (var scope = fixture.Scope(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<ResultsService>().SaveSettingsAsync(contest.Slug, TieBreak.Default, prizePerRound: false, publicStatistics: true, "btc", CancellationToken.None);
        }

        var prefix = $"test:{Guid.NewGuid():N}:";
        using var a = Node(prefix);
        using var b = Node(prefix);
        var computed = 0;
        var shared = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name.StartsWith("contest.shared_cache.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "tenant" && Equals(t.Value, tenant.Name)))
            {
                Interlocked.Increment(ref instrument.Name.EndsWith("misses", StringComparison.Ordinal) ? ref computed : ref shared);
            }
        });
        listener.Start();

        var path = $"/{tenant.Prefix}/thong-ke/{contest.Slug}";
        var onA = await a.CreateClient().GetStringAsync(path);
        var onB = await b.CreateClient().GetStringAsync(path); // B's page cache is its own: B renders the page

        Assert.Contains("<svg", onB, StringComparison.Ordinal);
        Assert.Equal(Figures(onA), Figures(onB));
        Assert.Equal((1, 1), (computed, shared));
    }

    private static string Figures(string html) => string.Join('|', System.Text.RegularExpressions.Regex.Matches(html, "<dd><strong>([^<]*)</strong>").Select(m => m.Groups[1].Value));

    // A content site served by two nodes sharing the database and Redis (under a key prefix of their own); the
    // visitor browses node B.
    private async Task<TwoNodes> TwoNodesAsync()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        var prefix = $"test:{Guid.NewGuid():N}:";
        var a = Node(prefix);
        var b = Node(prefix);
        return new TwoNodes(tenant, a, b, b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
    }

    private WebApplicationFactory<Program> Node(string prefix) => fixture.Factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Platform:Redis:Configuration", RedisNodes.Configuration);
        b.UseSetting("Platform:Redis:KeyPrefix", prefix);
        // Not the catalog's 0.2 s of the tests: a change must travel by the bus, not by polling.
        b.UseSetting("Platform:CatalogRefreshInterval", "00:01:00");
    });

    private sealed record TwoNodes(TenantInfo Tenant, WebApplicationFactory<Program> A, WebApplicationFactory<Program> B, HttpClient Visitor) : IDisposable
    {
        public void Dispose()
        {
            Visitor.Dispose();
            A.Dispose();
            B.Dispose();
        }
    }

    private static async Task<long> EditAsync(WebApplicationFactory<Program> node, TenantInfo tenant, long? id, string text)
    {
        await using var scope = node.Services.GetRequiredService<TenantScopeFactory>().CreateScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<ContentService>()
            .SavePageAsync(id, new PageInput("lien-he", "Liên hệ", null, BodyFormat.Markdown, text, Published: true), "test", CancellationToken.None);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteMultiNodeSiteTests(SqliteFixture fixture) : MultiNodeSiteTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresMultiNodeSiteTests(PostgresFixture fixture) : MultiNodeSiteTests<PostgresFixture>(fixture);
