using Fluid;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Core.Modules;

/// <summary>
/// A module's entry class: its name and dependencies, and what it contributes to the platform.
/// Recipe steps, exporters and DbContexts are registered as services in <see cref="ConfigureServices"/>.
/// </summary>
public interface IModule
{
    /// <summary>Unique module name.</summary>
    string Name { get; }

    /// <summary>Names of modules that must be added before this one.</summary>
    IReadOnlyList<string> Dependencies => [];

    /// <summary>Permissions, each with the roles that hold it by default.</summary>
    IReadOnlyList<PermissionDefinition> Permissions => [];

    /// <summary>Items of the tenant admin menu.</summary>
    IReadOnlyList<AdminMenuItem> AdminMenu => [];

    /// <summary>Adds the module's services, DbContexts (with their migrations) and recipe steps.</summary>
    void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options);

    /// <summary>Maps public, API and admin endpoints.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Registers the view models templates may read.</summary>
    void ConfigureTemplates(TemplateOptions options)
    {
    }
}

/// <summary>A named right, held by default by the listed roles.</summary>
/// <param name="Name">Policy name, for example <c>users.manage</c>.</param>
/// <param name="Title">Shown to administrators.</param>
/// <param name="DefaultRoles">Roles that hold it by default.</param>
public sealed record PermissionDefinition(string Name, string Title, IReadOnlyList<string> DefaultRoles);

/// <summary>A link in the tenant admin menu, shown to users holding its permission.</summary>
/// <param name="Title">Link text.</param>
/// <param name="Path">Path under the tenant, for example <c>/admin/users</c>.</param>
/// <param name="Permission">Permission required to see it.</param>
/// <param name="Order">Position, ascending.</param>
public sealed record AdminMenuItem(string Title, string Path, string Permission, int Order);

/// <summary>The modules of this host, in dependency order.</summary>
public sealed class ModuleCatalog
{
    private readonly List<IModule> _modules = [];

    /// <summary>The modules in the order they were added.</summary>
    public IReadOnlyList<IModule> Modules => _modules;

    /// <summary>Every permission of every module.</summary>
    public IEnumerable<PermissionDefinition> Permissions => _modules.SelectMany(m => m.Permissions);

    /// <summary>The tenant admin menu, ordered.</summary>
    public IEnumerable<AdminMenuItem> AdminMenu => _modules.SelectMany(m => m.AdminMenu).OrderBy(i => i.Order).ThenBy(i => i.Title, StringComparer.Ordinal);

    internal void Add(IModule module)
    {
        if (_modules.Any(m => m.Name == module.Name))
        {
            throw new InvalidOperationException($"Module '{module.Name}' is added twice.");
        }

        var missing = module.Dependencies.Where(d => _modules.All(m => m.Name != d)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Module '{module.Name}' needs {string.Join(", ", missing)} added before it.");
        }

        _modules.Add(module);
    }
}
