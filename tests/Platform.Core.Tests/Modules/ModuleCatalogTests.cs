using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Modules;

namespace Platform.Core.Tests.Modules;

public sealed class ModuleCatalogTests
{
    [Fact]
    public void Add_WhenDependenciesWereAddedBefore_KeepsAddOrder()
    {
        // Arrange
        var catalog = new ModuleCatalog();

        // Act
        catalog.Add(new TestModule("Users"));
        catalog.Add(new TestModule("Contests", "Users"));
        catalog.Add(new TestModule("Results", "Users", "Contests"));

        // Assert
        Assert.Equal(["Users", "Contests", "Results"], catalog.Modules.Select(m => m.Name));
    }

    [Fact]
    public void Add_WhenDependencyIsMissing_ThrowsNamingModuleAndDependency()
    {
        // Arrange
        var catalog = new ModuleCatalog();
        catalog.Add(new TestModule("Users"));

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => catalog.Add(new TestModule("Results", "Users", "Contests")));

        // Assert
        Assert.Contains("'Results'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Contests", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Users,", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["Users"], catalog.Modules.Select(m => m.Name));
    }

    [Fact]
    public void Add_WhenDependencyIsAddedAfterwards_Throws()
    {
        // Arrange
        var catalog = new ModuleCatalog();

        // Act & Assert
        Assert.Throws<InvalidOperationException>(() => catalog.Add(new TestModule("Contests", "Users")));
        catalog.Add(new TestModule("Users"));
        Assert.Equal(["Users"], catalog.Modules.Select(m => m.Name));
    }

    [Fact]
    public void Add_WhenNameIsAddedTwice_Throws()
    {
        // Arrange
        var catalog = new ModuleCatalog();
        catalog.Add(new TestModule("Users"));

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => catalog.Add(new TestModule("Users")));

        // Assert
        Assert.Contains("'Users'", ex.Message, StringComparison.Ordinal);
        Assert.Single(catalog.Modules);
    }

    [Fact]
    public void AdminMenu_WhenModulesContributeItems_OrdersByOrderThenTitle()
    {
        // Arrange
        var catalog = new ModuleCatalog();
        catalog.Add(new TestModule("Users")
        {
            AdminMenu = [Item("Users", 20), Item("Settings", 90)],
        });
        catalog.Add(new TestModule("Contests", "Users")
        {
            AdminMenu = [Item("Questions", 20), Item("Contests", 10), Item("Results", 20)],
        });

        // Act
        var titles = catalog.AdminMenu.Select(i => i.Title);

        // Assert
        Assert.Equal(["Contests", "Questions", "Results", "Users", "Settings"], titles);
    }

    [Fact]
    public void Permissions_WhenModulesDeclareThem_ListsThemInModuleOrder()
    {
        // Arrange
        var catalog = new ModuleCatalog();
        catalog.Add(new TestModule("Users") { Permissions = [Permission("users.manage")] });
        catalog.Add(new TestModule("Contests", "Users") { Permissions = [Permission("contests.edit"), Permission("contests.grade")] });

        // Act
        var names = catalog.Permissions.Select(p => p.Name);

        // Assert
        Assert.Equal(["users.manage", "contests.edit", "contests.grade"], names);
    }

    private static AdminMenuItem Item(string title, int order) => new(title, "/admin/" + title, "admin", order);

    private static PermissionDefinition Permission(string name) => new(name, name, ["Administrator"]);

    private sealed class TestModule(string name, params string[] dependencies) : IModule
    {
        public string Name => name;

        public IReadOnlyList<string> Dependencies => dependencies;

        public IReadOnlyList<PermissionDefinition> Permissions { get; init; } = [];

        public IReadOnlyList<AdminMenuItem> AdminMenu { get; init; } = [];

        public void ConfigureServices(IServiceCollection services, IConfiguration configuration, PlatformOptions options)
        {
        }
    }
}
