using System.CommandLine;
using Platform.Core.Tenancy;
using Results.Data;
using Results.Exports;
using Results.Ranking;

namespace Platform.Web.Cli;

/// <summary><c>results compute|publish|export|evidence &lt;tenant&gt; &lt;contest&gt; ...</c> (CONTRACT.md).</summary>
internal static class ResultsCommands
{
    private const string Actor = "cli";

    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var results = new Command("results", "Tính, công bố, xuất kết quả cuộc thi.");
        results.Subcommands.Add(Compute(services, output));
        results.Subcommands.Add(Publish(services, output));
        results.Subcommands.Add(Export(services, output));
        results.Subcommands.Add(Evidence(services, output));
        return results;
    }

    private static (Argument<string> Tenant, Argument<string> Contest) Scope() =>
        (new Argument<string>("tenant") { Description = "Tên tenant." }, new Argument<string>("contest") { Description = "Mã (slug) cuộc thi." });

    private static Option<int> RoundOption() => new("--round") { Description = "Vòng (0 = cả cuộc thi).", DefaultValueFactory = _ => 0 };

    private static Command Compute(IServiceProvider services, TextWriter output)
    {
        var (tenant, contest) = Scope();
        var round = RoundOption();
        var command = new Command("compute", "Xếp hạng, trao giải (bản nháp chờ phê duyệt); in mỗi nhóm một dòng: nhóm, số bài, số giải.") { tenant, contest, round };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = await OpenAsync(services, parse.GetValue(tenant)!, cancellationToken);
            var outcome = await Run(() => scope.ServiceProvider.GetRequiredService<ResultsService>().ComputeAsync(parse.GetValue(contest)!, parse.GetValue(round), Actor, cancellationToken));

            // No background services run under the CLI: the replaced drafts' rows are deleted here.
            await DiscardedRunsCleaner.CleanAsync(scope.ServiceProvider.GetRequiredService<ResultsDbContext>(), scope.ServiceProvider.GetRequiredService<Platform.Core.Data.SqliteWriteTurns>(), outcome.Run.ContestId, cancellationToken);
            foreach (var g in outcome.Groups)
            {
                await output.WriteLineAsync($"{g.Group}\t{g.Entries} entries\t{g.Winners} winners");
            }

            await output.WriteLineAsync($"run #{outcome.Run.Id}\tdraft\tsha256 {outcome.Run.ContentHash}\t{outcome.Elapsed.TotalSeconds:0.00} s");
            return 0;
        });
        return command;
    }

    private static Command Publish(IServiceProvider services, TextWriter output)
    {
        var (tenant, contest) = Scope();
        var round = RoundOption();
        var command = new Command("publish", "Phê duyệt và công bố kết quả vừa tính (hành động của người vận hành, được ghi nhật ký).") { tenant, contest, round };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = await OpenAsync(services, parse.GetValue(tenant)!, cancellationToken);
            var service = scope.ServiceProvider.GetRequiredService<ResultsService>();
            var terms = await Run(() => service.ContestAsync(parse.GetValue(contest)!, cancellationToken));
            var latest = (await service.RunsAsync(terms.Id, cancellationToken))
                .FirstOrDefault(r => r.Round == parse.GetValue(round) && r.Status is ResultStatus.Draft or ResultStatus.Approved)
                ?? throw new CliInputException($"contest: '{terms.Slug}' has no computed result waiting for publication; run `results compute` first.");
            if (latest.Status == ResultStatus.Draft)
            {
                await Run(() => service.ApproveAsync(latest.Id, Actor, cancellationToken));
            }

            var run = await Run(() => service.PublishAsync(latest.Id, Actor, cancellationToken));
            await output.WriteLineAsync($"run #{run.Id}\tpublished\t{run.EntryCount} entries\t{run.PrizeCount} winners\tsha256 {run.ContentHash}");
            return 0;
        });
        return command;
    }

    private static Command Export(IServiceProvider services, TextWriter output)
    {
        var (tenant, contest) = Scope();
        var file = new Argument<string>("file") { Description = "Tệp .xlsx sẽ ghi; ghi đè nếu đã có." };
        var round = RoundOption();
        var command = new Command("export", "Xuất toàn bộ kết quả (bản đã công bố, nếu chưa có thì bản tính gần nhất) ra Excel.") { tenant, contest, file, round };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = CliPaths.Resolve(parse.GetValue(file)!);
            if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliInputException($"file: '{path}' must end in .xlsx.");
            }

            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                throw new CliInputException($"file: folder '{Path.GetDirectoryName(path)}' does not exist.");
            }

            await using var scope = await OpenAsync(services, parse.GetValue(tenant)!, cancellationToken);
            var run = await LatestAsync(scope.ServiceProvider, parse.GetValue(contest)!, parse.GetValue(round), cancellationToken);
            await using (var stream = File.Create(path))
            {
                await scope.ServiceProvider.GetRequiredService<ResultsExcel>().WriteFullResultsAsync(run.Id, stream, cancellationToken);
            }

            await output.WriteLineAsync($"{path}\trun #{run.Id}\t{ResultsService.StatusLabel(run.Status)}\t{run.EntryCount} entries");
            return 0;
        });
        return command;
    }

    private static Command Evidence(IServiceProvider services, TextWriter output)
    {
        var (tenant, contest) = Scope();
        var folder = new Argument<string>("folder") { Description = "Thư mục sẽ ghi policy.json, entries.csv, ranking.csv." };
        var round = RoundOption();
        var command = new Command("evidence", "Xuất bằng chứng xếp hạng để kiểm tra lại độc lập (tools/recompute-ranking.py).") { tenant, contest, folder, round };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = CliPaths.Resolve(parse.GetValue(folder)!);
            Directory.CreateDirectory(path);
            await using var scope = await OpenAsync(services, parse.GetValue(tenant)!, cancellationToken);
            var run = await LatestAsync(scope.ServiceProvider, parse.GetValue(contest)!, parse.GetValue(round), cancellationToken);
            await Run(async () =>
            {
                await scope.ServiceProvider.GetRequiredService<EvidenceExport>().WriteAsync(run.Id, name => File.Create(Path.Combine(path, name)), cancellationToken);
                return true;
            });
            await output.WriteLineAsync($"{path}\trun #{run.Id}\t{ResultsService.StatusLabel(run.Status)}\tsha256 {run.ContentHash}");
            return 0;
        });
        return command;
    }

    private static async Task<ResultRun> LatestAsync(IServiceProvider services, string slug, int round, CancellationToken cancellationToken)
    {
        var service = services.GetRequiredService<ResultsService>();
        var terms = await Run(() => service.ContestAsync(slug, cancellationToken));
        var runs = (await service.RunsAsync(terms.Id, cancellationToken)).Where(r => r.Round == round).ToList();
        return runs.FirstOrDefault(r => r.Status == ResultStatus.Published)
            ?? runs.FirstOrDefault(r => r.Status is ResultStatus.Draft or ResultStatus.Approved)
            ?? throw new CliInputException($"contest: '{slug}' has no computed result; run `results compute` first.");
    }

    private static async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ResultsProblemException problem)
        {
            throw new CliInputException($"contest: {problem.Message}");
        }
    }

    private static async Task<Microsoft.Extensions.DependencyInjection.AsyncServiceScope> OpenAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<TenantCatalog>();
        await catalog.RefreshAsync(cancellationToken);
        var info = catalog.Current.FindByName(name) ?? throw new CliInputException($"tenant: no tenant named '{name}'.");
        return services.GetRequiredService<TenantScopeFactory>().CreateScope(info);
    }
}
