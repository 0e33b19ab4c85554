using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Core.Identity;

/// <summary>The <c>roles</c> step: the roles to create; all tenant roles when none are listed.</summary>
public sealed class RolesStepData : RecipeStepData
{
    /// <summary>Role names, from those of <see cref="PlatformRoles.TenantRoles"/>.</summary>
    public List<string>? Roles { get; set; }
}

/// <summary>The <c>users</c> step: staff accounts of the tenant.</summary>
public sealed class UsersStepData : RecipeStepData
{
    /// <summary>The accounts.</summary>
    public List<RecipeUser> Users { get; set; } = [];
}

/// <summary>One account of the <c>users</c> step. Without a password a random one is generated and shown once.</summary>
public sealed class RecipeUser
{
    /// <summary>Sign-in name, unique in the tenant.</summary>
    public string UserName { get; set; } = string.Empty;

    /// <summary>Role.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>Full name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>E-mail.</summary>
    public string? Email { get; set; }

    /// <summary>Password; prefer leaving it out of recipes.</summary>
    public string? Password { get; set; }
}

internal sealed class RolesStep : RecipeStep<RolesStepData>
{
    public override string Name => "roles";

    protected override Task RunAsync(RolesStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var roles = data.Roles is { Count: > 0 } ? data.Roles : [.. PlatformRoles.TenantRoles];
        var unknown = roles.Except(PlatformRoles.TenantRoles).ToList();
        if (unknown.Count > 0)
        {
            throw new RecipeException($"unknown role(s) {string.Join(", ", unknown)} (known: {string.Join(", ", PlatformRoles.TenantRoles)}).");
        }

        return context.Services.GetRequiredService<UserAccounts>().EnsureRolesAsync(roles);
    }
}

internal sealed class UsersStep : RecipeStep<UsersStepData>
{
    public override string Name => "users";

    protected override async Task RunAsync(UsersStepData data, RecipeContext context, CancellationToken cancellationToken)
    {
        var accounts = context.Services.GetRequiredService<UserAccounts>();
        foreach (var user in data.Users)
        {
            if (!PlatformRoles.TenantRoles.Contains(user.Role))
            {
                throw new RecipeException($"user '{user.UserName}': unknown role '{user.Role}'.");
            }

            var (_, generated) = await accounts.EnsureUserAsync(user.UserName, user.Role, user.Password, user.DisplayName, user.Email);
            if (generated is not null)
            {
                await context.Output.WriteLineAsync($"Tenant '{context.Tenant.Name}': tài khoản '{user.UserName}' ({user.Role}) có mật khẩu: {generated}  (chỉ hiện một lần)");
            }
        }
    }
}

/// <summary>Exports roles and staff accounts (never contestants, never passwords).</summary>
internal sealed class UsersExporter : IRecipeExporter
{
    public int Order => 10;

    public async Task<IReadOnlyList<RecipeStepData>> ExportAsync(TenantInfo tenant, string folder, IServiceProvider services, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<RoleManager<PlatformRole>>();
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var roleNames = await roles.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(cancellationToken);
        var staff = new List<RecipeUser>();
        foreach (var role in PlatformRoles.Staff)
        {
            foreach (var user in (await users.GetUsersInRoleAsync(role)).OrderBy(u => u.UserName, StringComparer.Ordinal))
            {
                staff.Add(new RecipeUser { UserName = user.UserName!, Role = role, DisplayName = user.DisplayName, Email = user.Email });
            }
        }

        return [new RolesStepData { Name = "roles", Roles = roleNames }, new UsersStepData { Name = "users", Users = staff }];
    }
}
