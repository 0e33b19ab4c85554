using Microsoft.AspNetCore.Authorization;
using Platform.Core.Modules;

namespace Platform.Web.Admin;

/// <summary>The tenant admin menu that the modules contribute, filtered by what the user may do.</summary>
internal sealed class AdminMenu(ModuleCatalog modules, IAuthorizationService authorization, IHttpContextAccessor http)
{
    public async Task<IReadOnlyList<AdminMenuItem>> ItemsAsync()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        var visible = new List<AdminMenuItem>();
        foreach (var item in modules.AdminMenu)
        {
            if ((await authorization.AuthorizeAsync(user, item.Permission)).Succeeded)
            {
                visible.Add(item);
            }
        }

        return visible;
    }
}
