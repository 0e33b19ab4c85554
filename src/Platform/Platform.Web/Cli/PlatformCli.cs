using System.CommandLine;
using Platform.Core.Identity;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Web.Cli;

/// <summary>
/// The operator's verbs (see the README). Exit codes: 0 success; 2 bad input, with a message naming the
/// argument, file, row or field; 1 any other failure.
/// </summary>
internal static class PlatformCli
{
    private static readonly string[] Verbs = ["tenant", "user", "questions", "results"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    // A verb's standard output is its answer (scripts parse `tenant list`); logs go to stderr, warnings and worse only.
    public static void QuietLogging(ILoggingBuilder logging)
    {
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        var root = new RootCommand("Nền tảng thi trực tuyến: lệnh cho người vận hành.");
        root.Subcommands.Add(TenantCommands.Create(services, output));
        root.Subcommands.Add(UserCommands.Create(services, output, input));
        root.Subcommands.Add(QuestionCommands.Create(services, output));
        root.Subcommands.Add(ResultsCommands.Create(services, output));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (TenantValidationException ex)
        {
            foreach (var (field, message) in ex.Errors)
            {
                await error.WriteLineAsync($"{field}: {message}");
            }

            return 2;
        }
        catch (Exception ex) when (ex is RecipeException or UserAccountException or CliInputException)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>Bad input to a verb; the message names the argument.</summary>
internal sealed class CliInputException(string message) : Exception(message);
