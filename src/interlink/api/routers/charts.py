"""Saved link charts, the viewer's own (`interlink.access.charts`): list, save, open, delete.

Opening a chart (`GET /charts/{id}`) draws it from the viewer's graph now, so it holds only
records they may see at that moment; another user's chart answers 404 like an absent one.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from interlink.access import charts
from interlink.api.deps import Session, current_session, get_store
from interlink.store import SQLStore

router = APIRouter(tags=["charts"])


class ChartIn(BaseModel):
    name: str = Field(min_length=1, max_length=charts.MAX_NAME)
    centres: list[str] = Field(min_length=1, max_length=charts.MAX_CENTRES,
                               description="Record ids the chart is centred on")
    notes: str = Field("", max_length=charts.MAX_NOTES)
    depth: int = Field(1, ge=0, le=4)
    types: str = Field("", max_length=1000, description="FtM schemata kept, comma-separated")
    raw: bool = Field(False, description="One node per record instead of per entity")


@router.get("/charts")
def list_(session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    return charts.list_charts(store, session.viewer(None))


@router.post("/charts", status_code=status.HTTP_201_CREATED)
def create(body: ChartIn, purpose: str = Query(""),
           session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    return charts.save(store, session.viewer(purpose), body.name, body.centres, body.notes,
                       body.depth, body.types, body.raw)


@router.get("/charts/{chart_id}")
def show(chart_id: str, purpose: str = Query(""),
         session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    """The chart and its elements drawn now (503 while the viewer's graph is being built)."""
    viewer = session.viewer(purpose)
    if viewer.purpose is None:
        return charts.get(store, viewer, chart_id)
    drawn = charts.draw(store, viewer, chart_id)
    if drawn is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "graph being prepared",
                            headers={"Retry-After": "10"})
    return drawn


@router.delete("/charts/{chart_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove(chart_id: str, session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> Response:
    charts.delete_chart(store, session.viewer(None), chart_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
