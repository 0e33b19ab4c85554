using System.CommandLine;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Web.Cli;

/// <summary><c>tenant list|create|disable|enable|setup|export</c>.</summary>
internal static class TenantCommands
{
    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var tenant = new Command("tenant", "Quản lý tenant (mỗi tỉnh, sở, ngành tổ chức cuộc thi là một tenant).");
        tenant.Subcommands.Add(List(services, output));
        tenant.Subcommands.Add(CreateTenant(services, output));
        tenant.Subcommands.Add(SetState(services, output, "disable", TenantState.Disabled, "Tạm ngừng phục vụ một tenant (trả 404)."));
        tenant.Subcommands.Add(SetState(services, output, "enable", TenantState.Running, "Phục vụ lại một tenant đã tạm ngừng."));
        tenant.Subcommands.Add(Setup(services, output));
        tenant.Subcommands.Add(Export(services, output));
        return tenant;
    }

    private static Command List(IServiceProvider services, TextWriter output)
    {
        var command = new Command("list", "Mỗi dòng một tenant: tên, trạng thái, tiền tố, tên miền.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var catalog = services.GetRequiredService<TenantCatalog>();
            await catalog.RefreshAsync(cancellationToken);
            foreach (var t in catalog.Current.Tenants)
            {
                await output.WriteLineAsync($"{t.Name}\t{t.State}\t{(t.Prefix.Length > 0 ? "/" + t.Prefix : "-")}\t{(t.Hosts.Count > 0 ? string.Join(',', t.Hosts) : "-")}");
            }

            return 0;
        });
        return command;
    }

    private static Command CreateTenant(IServiceProvider services, TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "Tên (slug) duy nhất, ví dụ backan-2024." };
        var recipe = new Option<string>("--recipe") { Description = "Thư mục chứa recipe.json.", Required = true };
        var prefix = new Option<string?>("--prefix") { Description = "Tiền tố đường dẫn (mặc định: tên)." };
        var hosts = new Option<string[]>("--host") { Description = "Tên miền riêng; có thể lặp lại.", AllowMultipleArgumentsPerToken = false };
        var database = new Option<string?>("--database") { Description = "Chuỗi kết nối của cơ sở dữ liệu riêng." };
        var command = new Command("create", "Tạo tenant từ một recipe và thiết lập nó.") { name, recipe, prefix, hosts, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = CliPaths.Resolve(parse.GetValue(recipe)!);
            if (!Directory.Exists(folder))
            {
                throw new CliInputException($"--recipe: folder '{folder}' does not exist.");
            }

            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(null);
            var setup = scope.ServiceProvider.GetRequiredService<TenantSetupService>();
            var created = await setup.CreateAsync(
                new CreateTenantRequest(parse.GetValue(name)!, folder, parse.GetValue(prefix), parse.GetValue(hosts) ?? [], parse.GetValue(database)),
                output,
                cancellationToken);
            await output.WriteLineAsync($"{created.Name}\t{created.State}\t{(created.Prefix.Length > 0 ? "/" + created.Prefix : "-")}\t{(created.Hosts.Count > 0 ? string.Join(',', created.Hosts) : "-")}");
            return 0;
        });
        return command;
    }

    private static Command SetState(IServiceProvider services, TextWriter output, string verb, TenantState state, string description)
    {
        var name = new Argument<string>("name") { Description = "Tên tenant." };
        var command = new Command(verb, description) { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(null);
            var store = scope.ServiceProvider.GetRequiredService<TenantCatalogStore>();
            var tenantName = parse.GetValue(name)!;
            var record = await store.FindAsync(tenantName, cancellationToken)
                ?? throw new CliInputException($"name: no tenant named '{tenantName}'.");
            if (record.State is not (TenantState.Running or TenantState.Disabled))
            {
                throw new CliInputException($"name: tenant '{tenantName}' is {record.State}; only a Running or Disabled tenant can be {verb}d.");
            }

            var changed = await store.SetStateAsync(tenantName, state, null, cancellationToken);
            await output.WriteLineAsync($"{changed.Name}\t{changed.State}");
            return 0;
        });
        return command;
    }

    private static Command Setup(IServiceProvider services, TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "Tên tenant." };
        var command = new Command("setup", "Chạy lại (hoàn tất) thiết lập của một tenant chưa thiết lập xong.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(null);
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantSetupService>().SetupAsync(parse.GetValue(name)!, output, cancellationToken);
            await output.WriteLineAsync($"{tenant.Name}\t{tenant.State}");
            return 0;
        });
        return command;
    }

    private static Command Export(IServiceProvider services, TextWriter output)
    {
        var name = new Argument<string>("name") { Description = "Tên tenant." };
        var folder = new Argument<string>("folder") { Description = "Thư mục ghi recipe." };
        var command = new Command("export", "Ghi một recipe tạo lại tenant (nhân bản cho tỉnh khác).") { name, folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(null);
            var file = await scope.ServiceProvider.GetRequiredService<TenantExporter>().ExportAsync(parse.GetValue(name)!, CliPaths.Resolve(parse.GetValue(folder)!), cancellationToken);
            await output.WriteLineAsync(file);
            return 0;
        });
        return command;
    }
}
