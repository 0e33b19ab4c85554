using System.CommandLine;
using Platform.Core.Tenancy;
using Quiz.Questions;
using Quiz.Questions.Sheets;

namespace Platform.Web.Cli;

/// <summary><c>questions import|export &lt;tenant&gt; &lt;file.xlsx&gt;</c>: the question bank as a sheet (CONTRACT.md, "Excel formats").</summary>
internal static class QuestionCommands
{
    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var questions = new Command("questions", "Nhập, xuất ngân hàng câu hỏi (tệp .xlsx hoặc .csv).");
        questions.Subcommands.Add(Import(services, output));
        questions.Subcommands.Add(Export(services, output));
        return questions;
    }

    private static Command Import(IServiceProvider services, TextWriter output)
    {
        var tenant = new Argument<string>("tenant") { Description = "Tên tenant." };
        var file = new Argument<string>("file") { Description = "Tệp .xlsx hoặc .csv theo mẫu câu hỏi." };
        var command = new Command("import", "Nhập câu hỏi: tất cả các dòng, hoặc không dòng nào khi tệp có lỗi.") { tenant, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var info = await FindTenantAsync(services, parse.GetValue(tenant)!, cancellationToken);
            var path = CliPaths.Resolve(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliInputException($"file: '{path}' does not exist.");
            }

            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(info);
            SheetImportResult<QuestionRow> result;
            await using (var stream = File.OpenRead(path))
            {
                result = await scope.ServiceProvider.GetRequiredService<QuestionImporter>().ImportAsync(stream, path, cancellationToken);
            }

            if (result.HasErrors)
            {
                throw new CliInputException(string.Join(Environment.NewLine, result.ErrorLines));
            }

            await output.WriteLineAsync($"{info.Name}\t{result.FileName}\t{result.NewCount} new\t{result.UpdatedCount} updated\t{result.UnchangedCount} unchanged");
            return 0;
        });
        return command;
    }

    private static Command Export(IServiceProvider services, TextWriter output)
    {
        var tenant = new Argument<string>("tenant") { Description = "Tên tenant." };
        var file = new Argument<string>("file") { Description = "Tệp .xlsx (hoặc .csv) sẽ ghi; ghi đè nếu đã có." };
        var command = new Command("export", "Xuất ngân hàng câu hỏi theo đúng mẫu nhập (nhập lại tệp này không thay đổi gì).") { tenant, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var info = await FindTenantAsync(services, parse.GetValue(tenant)!, cancellationToken);
            var path = CliPaths.Resolve(parse.GetValue(file)!);
            if (SheetFile.FormatOf(path) is null)
            {
                throw new CliInputException($"file: '{path}' must end in .xlsx or .csv.");
            }

            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                throw new CliInputException($"file: folder '{folder}' does not exist.");
            }

            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(info);
            var exporter = scope.ServiceProvider.GetRequiredService<QuestionExporter>();
            var rows = await exporter.ReadAsync(cancellationToken);
            await using (var stream = File.Create(path))
            {
                QuestionSheet.Write(stream, path, rows);
            }

            await output.WriteLineAsync($"{info.Name}\t{path}\t{rows.Count} questions");
            return 0;
        });
        return command;
    }

    private static async Task<TenantInfo> FindTenantAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<TenantCatalog>();
        await catalog.RefreshAsync(cancellationToken);
        return catalog.Current.FindByName(name) ?? throw new CliInputException($"tenant: no tenant named '{name}'.");
    }
}
