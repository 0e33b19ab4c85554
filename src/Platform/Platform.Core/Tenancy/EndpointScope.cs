using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Platform.Core.Tenancy;

/// <summary>Where an endpoint answers. Endpoints without this metadata answer inside tenants only.</summary>
public enum EndpointScope
{
    /// <summary>Inside a tenant (the default).</summary>
    Tenant,

    /// <summary>In the host scope only (host admin, platform pages).</summary>
    Host,

    /// <summary>Both.</summary>
    Any,
}

/// <summary>Endpoint metadata carrying an <see cref="EndpointScope"/>.</summary>
/// <param name="Scope">Where the endpoint answers.</param>
public sealed record EndpointScopeMetadata(EndpointScope Scope);

/// <summary>Marks endpoints with their scope.</summary>
public static class EndpointScopeExtensions
{
    /// <summary>The endpoint answers in the host scope only.</summary>
    public static TBuilder ForHost<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointScopeMetadata(EndpointScope.Host));

    /// <summary>The endpoint answers in tenants and in the host scope.</summary>
    public static TBuilder ForAnyScope<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointScopeMetadata(EndpointScope.Any));
}

/// <summary>
/// Lets the same route (for example <c>/admin</c>) mean the host admin on the host and the tenant admin
/// inside a tenant: candidates whose scope does not match the resolved tenant are dropped.
/// </summary>
internal sealed class EndpointScopeMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var inTenant = httpContext.Features.Get<TenantResolution>()?.Kind == ResolutionKind.Tenant;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var scope = candidates[i].Endpoint.Metadata.GetMetadata<EndpointScopeMetadata>()?.Scope ?? EndpointScope.Tenant;
            var allowed = scope == EndpointScope.Any || (scope == EndpointScope.Tenant) == inTenant;
            if (!allowed)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
