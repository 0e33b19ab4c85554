using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Data;
using Results.Ranking;

namespace Platform.IntegrationTests.Results;

/// <summary>"Tra cứu kết quả": a contestant finds their line of a published ranking by part of their name.</summary>
public abstract partial class ResultLookupTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task AName_IsFoundInAnyCase_WithOrWithoutDiacritics_AndTheUnitNarrowsIt()
    {
        var (tenant, slug) = await PublishedAsync(41, ("Nguyễn Văn An", 5), ("Nguyễn Văn Anh", 10), ("Lê Thị Đào", 7));

        var typed = await NamesAsync(tenant, slug, "nguyễn văn an");
        var plain = await NamesAsync(tenant, slug, "NGUYEN VAN AN");
        var inUnit = await NamesAsync(tenant, slug, "Văn An", "xa b1"); // contestant 10's unit, Xã B1
        var dao = await NamesAsync(tenant, slug, "le thi dao");
        var nobody = await NamesAsync(tenant, slug, "Trần Văn Bình");

        Assert.Equal(["Nguyễn Văn An", "Nguyễn Văn Anh"], typed.Order(StringComparer.Ordinal));
        Assert.Equal(typed, plain);
        Assert.Equal(["Nguyễn Văn Anh"], inUnit);
        Assert.Equal(["Lê Thị Đào"], dao);
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task ACommonName_ShowsTheFirstFiftyLinesInRankingOrder_WithoutPersonalData()
    {
        var (tenant, slug) = await PublishedAsync(43);
        var client = fixture.CreateClient();

        var page = await client.GetStringAsync($"/{tenant.Prefix}/tra-cuu?cuocThi={slug}&ten={Uri.EscapeDataString("thí sinh")}");
        var lines = Lines().Matches(page).Select(m => (Rank: int.Parse(m.Groups["rank"].Value, System.Globalization.CultureInfo.InvariantCulture), Group: System.Net.WebUtility.HtmlDecode(m.Groups["group"].Value))).ToList();

        Assert.Equal(50, lines.Count);
        Assert.Contains("Chỉ hiện 50 dòng đầu", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 50), lines.Select(l => l.Rank)); // group N1 (Nhóm 1) from its first rank
        Assert.All(lines, l => Assert.Equal("Nhóm 1", l.Group));
        for (var i = 0; i < 300; i++)
        {
            Assert.DoesNotContain(ResultsData.PersonalData(i).CitizenId, page, StringComparison.Ordinal);
            Assert.DoesNotContain(ResultsData.PersonalData(i).Phone, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALookUp_AsksTheDatabaseOnlyForTheLinesFound_TheRunsNamesAndTheSiteAreKeptPerNode()
    {
        var (tenant, slug) = await PublishedAsync(47, ("Nguyễn Văn An", 5));
        await NamesAsync(tenant, slug, "Văn An");

        using var commands = new TenantCommands(tenant.Id);
        var found = await NamesAsync(tenant, slug, "Nguyễn");
        var again = await NamesAsync(tenant, slug, "van an");

        Assert.Equal(["Nguyễn Văn An"], found);
        Assert.Equal(["Nguyễn Văn An"], again);
        Assert.DoesNotContain(commands.Texts, sql => sql.Contains("ORDER BY", StringComparison.Ordinal) && sql.Contains("RankedEntries", StringComparison.Ordinal));
        Assert.DoesNotContain(commands.Texts, sql => sql.Contains("Settings", StringComparison.Ordinal) || sql.Contains("Menu", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"<tr><td class=""num""><a href=""[^""]*"">(?<rank>\d+)</a></td><td>(?<name>[^<]*)</td><td>[^<]*</td><td>(?<group>[^<]*)</td>")]
    private static partial Regex Lines();

    private async Task<List<string>> NamesAsync(TenantInfo tenant, string slug, string name, string? unit = null)
    {
        var query = $"/{tenant.Prefix}/tra-cuu?cuocThi={slug}&ten={Uri.EscapeDataString(name)}" + (unit is null ? string.Empty : $"&donVi={Uri.EscapeDataString(unit)}");
        var page = await fixture.CreateClient().GetStringAsync(query);
        return [.. Lines().Matches(page).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value))];
    }

    // 300 generated contestants ("Thí Sinh i"), some renamed, ranked and published. Seeds differ per test: the
    // generated attempts' ids follow from it, and every tenant of the fixture shares one database.
    private async Task<(TenantInfo Tenant, string Slug)> PublishedAsync(int seed, params (string Name, int Index)[] renamed)
    {
        var tenant = await fixture.CreateTenantAsync();
        var (contest, _) = await ResultsData.GenerateAsync(fixture, tenant, 300, seed);
        await using var scope = fixture.Scope(tenant);
        var quiz = scope.ServiceProvider.GetRequiredService<QuizDbContext>();
        foreach (var (name, index) in renamed)
        {
            await quiz.Contestants.Where(c => c.UserId == $"gen-{seed}-{index}").ExecuteUpdateAsync(s => s.SetProperty(c => c.FullName, name));
        }

        var results = scope.ServiceProvider.GetRequiredService<ResultsService>();
        var run = await results.ComputeAsync(contest.Slug, 0, "thu-ky", CancellationToken.None);
        await results.ApproveAsync(run.Run.Id, "btc", CancellationToken.None);
        await results.PublishAsync(run.Run.Id, "btc", CancellationToken.None);
        return (tenant, contest.Slug);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteResultLookupTests(SqliteFixture fixture) : ResultLookupTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresResultLookupTests(PostgresFixture fixture) : ResultLookupTests<PostgresFixture>(fixture);
