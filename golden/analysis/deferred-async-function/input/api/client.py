import asyncio


class ApiClient:
    def __init__(self, base_url):
        self.base_url = base_url

    async def get(self, path):
        await asyncio.sleep(0)
        return {"id": path.rsplit("/", 1)[-1]}


async def fetch_profile(client, user_id):
    from api.serializers import ProfileSerializer

    payload = await client.get(f"/users/{user_id}")
    return ProfileSerializer(payload)
