using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Data;
using Platform.Core.Identity;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Data;

/// <summary>
/// Tenant isolation over every tenant-owned entity type of every module's model, found by enumeration
/// so that new tables are covered without anyone remembering them.
/// </summary>
public abstract class TenantIsolationTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public void Enumeration_FindsTheTenantOwnedTypesOfEveryModule()
    {
        var names = TenantOwnedTypes().Select(t => t.Type.ClrType.Name).ToList();

        // Controls: if enumeration silently found nothing, every other test here would pass vacuously.
        Assert.Contains(nameof(PlatformUser), names);
        Assert.Contains(nameof(PlatformUserRole), names);
        Assert.Contains("TenantSetting", names);
        Assert.All(TenantOwnedTypes(), t => Assert.NotNull(t.Type.GetDeclaredQueryFilters().FirstOrDefault()));
    }

    [Fact]
    public async Task EveryTenantOwnedRow_OfTenantA_IsInvisibleFromTenantB()
    {
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var failures = new List<string>();

        foreach (var (registration, type) in TenantOwnedTypes())
        {
            var key = await AddRowAsync(a, registration, type);

            await using var scopeA = fixture.Scope(a);
            await using var scopeB = fixture.Scope(b);
            var dbA = Context(scopeA, registration);
            var dbB = Context(scopeB, registration);
            var seenByA = await dbA.FindAsync(type.ClrType, key);
            var seenByB = await dbB.FindAsync(type.ClrType, key);
            var countedByB = await CountAsync(dbB, type, a.Id);
            if (seenByA is null)
            {
                failures.Add($"{type.ClrType.Name}: tenant A cannot read its own row (the test is broken)");
            }

            if (seenByB is not null || countedByB != 0)
            {
                failures.Add($"{type.ClrType.Name}: tenant B sees tenant A's row");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task EveryTenantOwnedRow_OfTenantA_CannotBeWrittenFromTenantB()
    {
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var failures = new List<string>();

        foreach (var (registration, type) in TenantOwnedTypes())
        {
            var key = await AddRowAsync(a, registration, type);
            foreach (var state in new[] { EntityState.Modified, EntityState.Deleted })
            {
                await using var scopeB = fixture.Scope(b);
                var dbB = Context(scopeB, registration);
                var row = await FindIgnoringFiltersAsync(dbB, type, key);
                dbB.Entry(row).State = state;
                try
                {
                    await dbB.SaveChangesAsync();
                    failures.Add($"{type.ClrType.Name}: tenant B could set tenant A's row {state}");
                }
                catch (CrossTenantWriteException)
                {
                    // expected
                }
            }

            await using (var scopeB = fixture.Scope(b))
            {
                var dbB = Context(scopeB, registration);
                var foreign = EntityRows.Add(dbB, type);
                dbB.Entry(foreign).Property("TenantId").CurrentValue = a.Id;
                await Assert.ThrowsAsync<CrossTenantWriteException>(() => dbB.SaveChangesAsync());
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>
    /// Contexts come from a pool per database (decision 0013): one that served tenant A and was given back serves the
    /// next scope, which may be tenant B's. It must then read, stamp and guard as B, for every module context.
    /// </summary>
    [Fact]
    public async Task EveryModuleContext_GivenBackByTenantA_ServesTenantBAsB()
    {
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        var failures = new List<string>();

        foreach (var (registration, type) in TenantOwnedTypes().DistinctBy(t => t.Registration))
        {
            var key = await AddRowAsync(a, registration, type);
            DbContext servedA;
            await using (var scopeA = fixture.Scope(a))
            {
                servedA = Context(scopeA, registration);
                Assert.NotNull(await servedA.FindAsync(type.ClrType, key));
            }

            // Lease under B until A's context comes back (the pool may hold others given back before it).
            var scopesB = new List<AsyncServiceScope>();
            try
            {
                DbContext? dbB = null;
                for (var i = 0; i < 64 && dbB is null; i++)
                {
                    scopesB.Add(fixture.Scope(b));
                    var leased = Context(scopesB[^1], registration);
                    dbB = ReferenceEquals(leased, servedA) ? leased : null;
                }

                if (dbB is null)
                {
                    failures.Add($"{registration.ServiceType.Name}: the context given back by A was not handed out again (the test is broken)");
                    continue;
                }

                if (await dbB.FindAsync(type.ClrType, key) is not null || await CountAsync(dbB, type, a.Id) != 0)
                {
                    failures.Add($"{registration.ServiceType.Name}: served to B, it reads tenant A's {type.ClrType.Name}");
                }

                var added = EntityRows.Add(dbB, type);
                await dbB.SaveChangesAsync();
                if (!Equals(dbB.Entry(added).Property("TenantId").CurrentValue, b.Id))
                {
                    failures.Add($"{registration.ServiceType.Name}: served to B, it stamps a new {type.ClrType.Name} with another tenant");
                }

                var foreign = EntityRows.Add(dbB, type);
                dbB.Entry(foreign).Property("TenantId").CurrentValue = a.Id;
                if (await Record.ExceptionAsync(() => dbB.SaveChangesAsync()) is not CrossTenantWriteException)
                {
                    failures.Add($"{registration.ServiceType.Name}: served to B, it writes a {type.ClrType.Name} of tenant A");
                }
            }
            finally
            {
                foreach (var scope in scopesB)
                {
                    await scope.DisposeAsync();
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>A context kept past its scope (a bug) must fail loudly, not serve whichever scope leases it next.</summary>
    [Fact]
    public async Task AModuleContext_KeptAfterItsScopeEnds_RefusesToWork()
    {
        var tenant = await fixture.CreateTenantAsync();
        var (registration, type) = TenantOwnedTypes()[0];
        var key = await AddRowAsync(tenant, registration, type);
        DbContext kept;
        await using (var scope = fixture.Scope(tenant))
        {
            kept = Context(scope, registration);
            Assert.NotNull(await kept.FindAsync(type.ClrType, key));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await kept.FindAsync(type.ClrType, key));
    }

    [Fact]
    public async Task AuthCookie_OfTenantA_GetsNothingOnTenantB()
    {
        var (a, b) = (await fixture.CreateTenantAsync(), await fixture.CreateTenantAsync());
        await fixture.CreateUserAsync(a, "bantochuc", PlatformRoles.TenantAdmin, "matkhau-a-2023");
        await fixture.CreateUserAsync(b, "bantochuc", PlatformRoles.TenantAdmin, "matkhau-b-2023");
        var login = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{a.Prefix}", "bantochuc", "matkhau-a-2023");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($".platform.auth.{a.Name}=", StringComparison.Ordinal));
        var value = cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];

        var onA = await GetWithCookieAsync($"/{a.Prefix}/admin", $".platform.auth.{a.Name}={value}");
        var onBRenamed = await GetWithCookieAsync($"/{b.Prefix}/admin", $".platform.auth.{b.Name}={value}");
        var onBAsIs = await GetWithCookieAsync($"/{b.Prefix}/admin", $".platform.auth.{a.Name}={value}");
        var onHost = await GetWithCookieAsync("/admin", $".platform.auth={value}");
        var otherPassword = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{b.Prefix}", "bantochuc", "matkhau-a-2023");

        Assert.Equal(HttpStatusCode.OK, onA.StatusCode); // control: the cookie works where it belongs
        Assert.Equal(HttpStatusCode.Redirect, onBRenamed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, onBAsIs.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, onHost.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherPassword.StatusCode);
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private List<(ModuleDbContextRegistration Registration, IEntityType Type)> TenantOwnedTypes()
    {
        using var scope = fixture.Scope(null);
        return fixture.Services.GetServices<ModuleDbContextRegistration>()
            .Where(r => r.HoldsTenantData)
            .SelectMany(r => Context(scope, r).Model.GetEntityTypes()
                .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType))
                .Select(t => (r, t)))
            .ToList();
    }

    private static DbContext Context(AsyncServiceScope scope, ModuleDbContextRegistration registration) =>
        (DbContext)scope.ServiceProvider.GetRequiredService(registration.ServiceType);

    private async Task<object[]> AddRowAsync(TenantInfo tenant, ModuleDbContextRegistration registration, IEntityType type)
    {
        await using var scope = fixture.Scope(tenant);
        var db = Context(scope, registration);
        var row = EntityRows.Add(db, db.Model.FindEntityType(type.ClrType)!);
        await db.SaveChangesAsync();
        var entry = db.Entry(row);
        return entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue!).ToArray();
    }

    private static Task<int> CountAsync(DbContext db, IEntityType type, string tenantId) =>
        (Task<int>)typeof(TenantIsolationTests<TFixture>).GetMethod(nameof(CountGeneric), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db, tenantId])!;

    private static Task<int> CountGeneric<T>(DbContext db, string tenantId) where T : class =>
        db.Set<T>().CountAsync(e => EF.Property<string>(e, "TenantId") == tenantId);

    private static Task<object> FindIgnoringFiltersAsync(DbContext db, IEntityType type, object[] key) =>
        (Task<object>)typeof(TenantIsolationTests<TFixture>).GetMethod(nameof(FindIgnoringFiltersGeneric), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db, key])!;

    private static async Task<object> FindIgnoringFiltersGeneric<T>(DbContext db, object[] key) where T : class
    {
        var keyProperties = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties;
        IQueryable<T> query = db.Set<T>().IgnoreQueryFilters();
        for (var i = 0; i < keyProperties.Count; i++)
        {
            var name = keyProperties[i].Name;
            var value = key[i];
            query = query.Where(e => EF.Property<object>(e, name) == value);
        }

        return await query.SingleAsync();
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteTenantIsolationTests(SqliteFixture fixture) : TenantIsolationTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresTenantIsolationTests(PostgresFixture fixture) : TenantIsolationTests<PostgresFixture>(fixture);
