using Microsoft.Extensions.DependencyInjection;

namespace Platform.Core.Tenancy;

/// <summary>
/// Creates service scopes bound to one tenant, for background work, the CLI and setup. The scope's
/// tenant is set before anything can resolve a DbContext, so no job can forget it.
/// </summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes)
{
    /// <summary>A scope bound to <paramref name="tenant"/>, or to the host scope when null.</summary>
    public AsyncServiceScope CreateScope(TenantInfo? tenant)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, tenant is { Prefix.Length: > 0 } ? "/" + tenant.Prefix : string.Empty);
        return scope;
    }
}
