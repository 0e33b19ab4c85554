using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Data;
using Platform.Core.Modules;
using Platform.Core.Recipes;

namespace Platform.Core.Identity;

/// <summary>Accounts, roles and sign-in: ASP.NET Core Identity with every row owned by a tenant.</summary>
public sealed class UsersModule : IModule
{
    /// <summary>Open the tenant admin.</summary>
    public const string AccessAdmin = "admin.access";

    /// <summary>Manage the tenant's accounts.</summary>
    public const string ManageUsers = "users.manage";

    /// <inheritdoc />
    public string Name => "Users";

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => ["Tenants"];

    /// <inheritdoc />
    public IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(AccessAdmin, "Vào trang quản trị", PlatformRoles.Staff),
        new(ManageUsers, "Quản lý tài khoản", [PlatformRoles.TenantAdmin]),
    ];

    /// <inheritdoc />
    public IReadOnlyList<AdminMenuItem> AdminMenu => [new("Tài khoản", "/admin/users", ManageUsers, 900)];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleDbContext<UsersDbContext, SqliteUsersDbContext, PostgresUsersDbContext>(UsersDbContext.Module, options.Database.Provider);
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(TenantCookies.Configure);
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CachedTicketsSetup>();
        services.AddIdentityCore<PlatformUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<PlatformRole>()
            .AddEntityFrameworkStores<UsersDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>();
        services.AddOptions<MailOptions>().BindConfiguration("Platform:Mail");
        services.AddSingleton<IMailSender, PlatformMailSender>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(1));
        services.AddScoped<UserAccounts>();
        services.AddScoped<UserLookup>();
        services.AddSingleton<HostAdminBootstrapper>();
        services.AddSingleton<IRecipeStep, RolesStep>();
        services.AddSingleton<IRecipeStep, UsersStep>();
        services.AddSingleton<IRecipeExporter, UsersExporter>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();
        endpoints.MapPasswordResetEndpoints();
    }
}
