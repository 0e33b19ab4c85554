using System.CommandLine;
using Platform.Core.Identity;
using Platform.Core.Tenancy;

namespace Platform.Web.Cli;

/// <summary><c>user create &lt;tenant&gt; &lt;userName&gt; --role &lt;role&gt; [--password-stdin]</c>.</summary>
internal static class UserCommands
{
    public static Command Create(IServiceProvider services, TextWriter output, TextReader input)
    {
        var tenant = new Argument<string>("tenant") { Description = "Tên tenant." };
        var userName = new Argument<string>("userName") { Description = "Tên đăng nhập." };
        var role = new Option<string>("--role") { Description = $"Vai trò: {string.Join(", ", PlatformRoles.TenantRoles)}.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Đọc mật khẩu từ dòng đầu của stdin; nếu không, tạo ngẫu nhiên và in ra một lần." };
        var create = new Command("create", "Tạo tài khoản trong một tenant (hoặc thêm vai trò cho tài khoản đã có).") { tenant, userName, role, passwordStdin };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var roleName = parse.GetValue(role)!;
            if (!PlatformRoles.TenantRoles.Contains(roleName, StringComparer.Ordinal))
            {
                throw new CliInputException($"--role: unknown role '{roleName}' (known: {string.Join(", ", PlatformRoles.TenantRoles)}).");
            }

            var catalog = services.GetRequiredService<TenantCatalog>();
            await catalog.RefreshAsync(cancellationToken);
            var tenantName = parse.GetValue(tenant)!;
            var info = catalog.Current.FindByName(tenantName) ?? throw new CliInputException($"tenant: no tenant named '{tenantName}'.");
            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    throw new CliInputException("--password-stdin: no password on standard input.");
                }
            }

            await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(info);
            var (user, generated) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureUserAsync(parse.GetValue(userName)!, roleName, password);
            await output.WriteLineAsync(generated is null
                ? $"{info.Name}\t{user.UserName}\t{roleName}"
                : $"{info.Name}\t{user.UserName}\t{roleName}\tpassword: {generated}");
            return 0;
        });
        var user = new Command("user", "Quản lý tài khoản.");
        user.Subcommands.Add(create);
        return user;
    }
}
