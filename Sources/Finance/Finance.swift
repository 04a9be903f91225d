// Finance
