using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Core.Tenancy;

namespace Platform.Core.Identity;

/// <summary>Creates the host admin <c>admin</c> on the first start.</summary>
internal sealed class HostAdminBootstrapper(TenantScopeFactory scopes, IOptions<PlatformOptions> options, ILogger<HostAdminBootstrapper> logger)
{
    public const string UserName = "admin";

    public async Task EnsureAsync(TextWriter console)
    {
        await using var scope = scopes.CreateScope(null);
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        await accounts.EnsureRolesAsync([PlatformRoles.HostAdmin]);
        if ((await users.GetUsersInRoleAsync(PlatformRoles.HostAdmin)).Count > 0)
        {
            return;
        }

        var (_, generated) = await accounts.EnsureUserAsync(UserName, PlatformRoles.HostAdmin, options.Value.Bootstrap.AdminPassword, "Quản trị hệ thống");
        if (generated is not null)
        {
            await console.WriteLineAsync($"Host admin created: user '{UserName}', password: {generated}  (shown once; sign in at /admin)");
        }

        logger.LogInformation("Host admin '{User}' created", UserName);
    }
}
