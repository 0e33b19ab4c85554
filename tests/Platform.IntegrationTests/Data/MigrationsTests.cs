using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core;
using Platform.Core.Data;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Data;

/// <summary>The CI step that fails on model changes without a migration, for every module context and both providers.</summary>
[Collection(SqliteSuite.Name)]
public sealed class MigrationsTests(SqliteFixture fixture)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void EveryModuleContext_HasNoPendingModelChanges(DatabaseProvider provider)
    {
        var registrations = fixture.Services.GetServices<ModuleDbContextRegistration>().ToList();
        var pending = new List<string>();

        foreach (var registration in registrations)
        {
            var type = registration.ImplementationFor(provider);
            var factoryType = type.Assembly.GetTypes().Single(t => typeof(Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<>).MakeGenericType(type).IsAssignableFrom(t));
            var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
            using var context = (DbContext)factoryType.GetMethod("CreateDbContext")!.Invoke(factory, [Array.Empty<string>()])!;
            if (context.Database.HasPendingModelChanges())
            {
                pending.Add($"{type.Name}: run tools/add-migration.sh");
            }
        }

        Assert.NotEmpty(registrations);
        Assert.Empty(pending);
    }
}
